package dev.snaplog.core;

/**
 * Adds rows and deletes rows by position in one commit: the building block of row-level changes (an engine's
 * MERGE, an upsert). Deleted rows are named by their data file and their 0-based positions in it, as a scan
 * of the version this change reads saw them; they become a deletion vector of that file (the file is dropped
 * when none of its rows is left).
 *
 * <p>Conflicts (docs/concurrency.md): a concurrent commit that removed or rewrote a file this change deletes
 * rows of conflicts; a concurrent delete of other rows of the same file does not: the deletion vectors merge
 * on retry. Added rows never conflict.
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
}
