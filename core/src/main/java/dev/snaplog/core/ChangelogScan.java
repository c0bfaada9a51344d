package dev.snaplog.core;

/**
 * The rows each snapshot inserted and deleted, from one snapshot (excluded) to a later one (included): a change
 * feed. Immutable; each refinement returns a new scan.
 *
 * <p>Changes come snapshot by snapshot, oldest first, and within a snapshot every delete before every insert.
 * Applying them in that order to the rows of the start snapshot (a delete removes one row equal to it) gives
 * exactly the rows of the end snapshot. A row deleted through a deletion vector is reported with its values,
 * read from its data file; a file a change dropped reports each of its rows that was still live. A compaction
 * ({@link RewriteFiles}) moves rows without changing them and reports nothing.
 *
 * <p>The start must be an ancestor of the end (reached through parent snapshots): after a rollback the rows of
 * the abandoned snapshots were never deleted by any snapshot, so there is no change to report. For the net
 * difference between unrelated snapshots use {@link IncrementalScan}.
 *
 * <p>Planning reads the log only (the start's file set, then one log record per snapshot); data files are
 * opened one at a time while the result is iterated.
 */
public interface ChangelogScan {
  /** The starting snapshot (its own changes are excluded). Defaults to the empty table before the first snapshot. */
  ChangelogScan fromSnapshot(long snapshotId);

  /** The ending snapshot (its changes are included). Defaults to the current snapshot. */
  ChangelogScan toSnapshot(long snapshotId);

  /**
   * The changes, in order.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the start is not an ancestor of the end
   * @throws dev.snaplog.core.exceptions.NoSuchSnapshotException if a snapshot in between has expired
   * @throws dev.snaplog.core.exceptions.CorruptTableException if a log object or deletion vector is damaged
   */
  CloseableIterable<RowChange> changes();
}
