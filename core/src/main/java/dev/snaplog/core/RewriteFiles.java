package dev.snaplog.core;

/**
 * Compaction: rewrites small data files, and files with deleted rows, into fewer files near a target size, in
 * one commit. The table holds the same rows afterwards; deletion vectors are folded in (the deleted rows are
 * simply not written). Files are packed in the order the table lists them, so rows keep their relative order.
 *
 * <p>A file is rewritten when it is smaller than three quarters of the target size or has a deletion vector;
 * nothing is committed when that leaves at most one small file without deleted rows.
 *
 * <p>Conflicts (docs/concurrency.md): appends committed meanwhile never conflict and are kept. Rows that a
 * concurrent delete removed from a file this rewrite replaces (a deletion vector) are carried over into a
 * deletion vector of the new file on retry, so no deleted row comes back. A concurrent commit that removed or
 * wrote again a file it replaces fails it with {@link dev.snaplog.core.exceptions.CommitConflictException}
 * (nothing committed; run it again).
 */
public interface RewriteFiles extends SnapshotUpdate<RewriteFiles> {
  /**
   * The size new files aim at; by default the table property {@code write.target-file-size-bytes}
   * (128 MiB when unset).
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if not positive
   */
  RewriteFiles targetFileSizeBytes(long bytes);
}
