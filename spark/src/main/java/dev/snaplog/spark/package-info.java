/**
 * Snaplog tables in Apache Spark: {@link dev.snaplog.spark.SnaplogCatalog} is a catalog plugin over one
 * warehouse, {@link dev.snaplog.spark.SnaplogDataSource} the {@code snaplog} data source for reads and writes by
 * path or table name. Spark plans and runs the work; every write lands in the table as one Snaplog commit made
 * by the driver. Implementation classes live in {@code dev.snaplog.spark.internal}.
 */
package dev.snaplog.spark;
