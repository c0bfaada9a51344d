package dev.snaplog.core;

import java.util.List;

/**
 * The changes between two snapshots, computed from the log (log records and checkpoints) without opening
 * data files: the building block of incremental pipelines. Immutable; each refinement returns a new scan.
 * The two snapshots need not be related: after a rollback, files can be removed as well as added.
 *
 * <p>This is a diff of files: rows deleted through a deletion vector from a file live at both ends, and rows a
 * compaction moved, are not told apart. {@link ChangelogScan} reports every inserted and deleted row with the
 * snapshot that changed it.
 */
public interface IncrementalScan {
  /** The starting snapshot (its state is excluded). Defaults to the empty table. */
  IncrementalScan fromSnapshot(long snapshotId);

  /** The ending snapshot (its state is included). Defaults to the current snapshot. */
  IncrementalScan toSnapshot(long snapshotId);

  /** Data files live at the end but not at the start. */
  List<DataFile> addedFiles();

  /** Data files live at the start but not at the end. */
  List<DataFile> removedFiles();

  /** Live rows of the added files, as the end snapshot's deletion vectors leave them. */
  CloseableIterable<Record> addedRecords();

  /** Rows of the removed files that were live at the start. */
  CloseableIterable<Record> removedRecords();
}
