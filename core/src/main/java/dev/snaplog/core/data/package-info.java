/**
 * Parquet data files: {@link dev.snaplog.core.data.ParquetFormat} writes rows with per-column stats for the log
 * and reads them back with projection, filtering and row-group skipping. Everything else here is
 * package-private glue between Snaplog's values and storage SPI and parquet-hadoop.
 */
package dev.snaplog.core.data;
