package dev.snaplog.core;

/**
 * Adds data files to the table in one commit. Appends never conflict with other commits: on a lost race the
 * same files are applied on top of the newer state and the commit is retried.
 */
public interface AppendFiles extends SnapshotUpdate<AppendFiles> {
  /**
   * Adds a data file already written, typically by {@link Table#newDataWriter()}. It must lie in the table's
   * {@code data/} folder or outside the warehouse (an external file, which maintenance never deletes); a file
   * of another table, or any other object of this one, is refused.
   */
  AppendFiles appendFile(DataFile file);

  /** Writes {@code records} into a new data file of the table and adds it. */
  AppendFiles appendRecords(Iterable<? extends Record> records);
}
