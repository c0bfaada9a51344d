/**
 * The connector's implementation: type and value conversion between Spark and Snaplog, filter translation,
 * scans planned on the driver and read on executors, and writes whose data files are written on executors and
 * committed once on the driver. Uses only the public API of Snaplog's core and catalog.
 */
package dev.snaplog.spark.internal;
