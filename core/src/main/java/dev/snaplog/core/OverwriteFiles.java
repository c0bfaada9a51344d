package dev.snaplog.core;

import dev.snaplog.core.expressions.Expression;

/**
 * Replaces rows in one commit: deletes the rows matching a filter (as {@link DeleteFiles} does) and/or whole
 * files, and adds new data files, atomically. A late correction of one day is
 * {@code overwriteByFilter(equal("day", d)).addFile(corrected)}.
 *
 * <p>Conflicts follow {@link DeleteFiles}; files added by this overwrite never conflict.
 */
public interface OverwriteFiles extends SnapshotUpdate<OverwriteFiles> {
  /**
   * Deletes the rows matching {@code filter} as part of this commit; combined with earlier calls by or.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the filter names a column the table lacks
   */
  OverwriteFiles overwriteByFilter(Expression filter);

  /** Adds a data file, with the same location rules as {@link AppendFiles#appendFile}. */
  OverwriteFiles addFile(DataFile file);

  /** Writes {@code records} into a new data file of the table and adds it. */
  OverwriteFiles addRecords(Iterable<? extends Record> records);

  /**
   * Removes a live data file (by location) with all its rows.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException at commit if the file is not live
   */
  OverwriteFiles deleteFile(String location);
}
