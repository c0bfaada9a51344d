/**
 * Readers of the files {@code snaplog append} imports: CSV with a header, JSON lines and Parquet.
 */
package dev.snaplog.cli.input;
