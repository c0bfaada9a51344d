/**
 * The storage seam: {@link dev.snaplog.core.io.ObjectStore} for immutable objects and
 * {@link dev.snaplog.core.io.PointerStore} for the one mutable pointer per table. Stores move bytes only;
 * they know nothing of Parquet, tables or S3 specifics beyond their own implementation package.
 */
package dev.snaplog.core.io;
