/**
 * The vocabulary users see: schemas and types, rows, data files and their stats, snapshots, and the
 * {@link dev.snaplog.core.Catalog} / {@link dev.snaplog.core.Table} interfaces with their operations. Nothing
 * here knows about S3 or about how the log is encoded.
 */
package dev.snaplog.core;
