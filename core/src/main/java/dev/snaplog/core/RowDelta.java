package dev.snaplog.core;

import dev.snaplog.core.expressions.Expression;

/**
 * Adds rows and deletes rows by position in one commit: the building block of row-level changes (an engine's
 * MERGE, an upsert). Deleted rows are named by their data file and their 0-based positions in it, as a scan
 * of the version this change reads saw them; they become a deletion vector of that file (the file is dropped
 * when none of its rows is left).
 *
 * <p>Conflicts (docs/concurrency.md): a concurrent commit that removed or rewrote a file this change deletes
 * rows of conflicts; a concurrent delete of other rows of the same file does not: the deletion vectors merge
 * on retry. Added rows conflict only with a {@link #conflictDetectionFilter} (serializable isolation), and a
 * concurrent delete of rows of the same file only with {@link #validateNoConcurrentDeletes()}.
 */
public interface RowDelta extends SnapshotUpdate<RowDelta> {
  /** Adds a data file, with the same location rules as {@link AppendFiles#appendFile}. */
  RowDelta addFile(DataFile file);

  /** Writes {@code records} into a new data file of the table and adds it. */
  RowDelta addRecords(Iterable<? extends Record> records);

  /**
   * Deletes the rows at {@code positions} of the live data file at {@code dataFileLocation}; combined with
   * earlier calls for the same file. Positions already deleted are ignored.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if a position is negative; at commit, if the file
   *     is not live or a position is at or past its row count
   */
  RowDelta deleteRows(String dataFileLocation, long... positions);

  /**
   * Makes a concurrent commit that deleted rows of (or otherwise restated) a data file this change deletes rows
   * of a conflict, instead of merging the deletion vectors. For a change that writes the rows it deletes back
   * changed, as an engine's {@code UPDATE} or {@code MERGE} does: merging would bring a row deleted meanwhile
   * back as its changed copy.
   */
  RowDelta validateNoConcurrentDeletes();

  /**
   * The rows this change read to decide what to change (an engine's condition, as far as it can be stated as a
   * filter; {@code alwaysTrue()} when it cannot): under serializable isolation, a concurrent commit that added a
   * data file whose stats say {@code filter} may match some of its rows conflicts, since the change did not see
   * those rows. Combined with earlier calls by {@code or}.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the filter names a column the table lacks
   */
  RowDelta conflictDetectionFilter(Expression filter);
}
