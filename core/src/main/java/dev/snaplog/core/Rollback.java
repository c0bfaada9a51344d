package dev.snaplog.core;

import java.time.Instant;

/**
 * Makes an earlier snapshot current again. The rollback is itself a committed version, so history shows it
 * and time travel to a moment before it still sees what readers saw then.
 */
public interface Rollback extends PendingUpdate<Snapshot> {
  /** Rolls back to the snapshot with this id, which must be in the table's history. */
  Rollback toSnapshot(long snapshotId);

  /** Rolls back to the snapshot that was current at {@code time}. */
  Rollback toTime(Instant time);
}
