package dev.snaplog.core;

import dev.snaplog.core.expressions.Expression;

/**
 * Deletes rows in one commit. Files whose stats show every row matches are dropped from the log without being
 * read; files with some matching rows get a deletion vector (table property {@code write.delete.mode} =
 * {@code merge-on-read}, the default) or are written again without those rows ({@code copy-on-write}).
 *
 * <p>Conflicts (docs/concurrency.md): a concurrent commit that removed or rewrote a file this delete changes
 * conflicts; under serializable isolation so does one that added files the filter may match. A concurrent
 * delete of other rows of the same file does not: the deletion vectors merge on retry.
 */
public interface DeleteFiles extends SnapshotUpdate<DeleteFiles> {
  /**
   * Deletes the rows matching {@code filter}; combined with earlier calls by or.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the filter names a column the table lacks
   */
  DeleteFiles deleteWhere(Expression filter);
}
