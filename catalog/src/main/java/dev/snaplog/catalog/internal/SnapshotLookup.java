package dev.snaplog.catalog.internal;

import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.manifest.TableMetadata;
import java.time.Instant;

/**
 * Finds the version of a table that time travel asks for, by walking the metadata chain back from the head.
 * The version chain is the record of what readers saw: a rollback is a version of its own.
 */
final class SnapshotLookup {
  private SnapshotLookup() {}

  /** The newest version whose current snapshot is {@code snapshotId}. */
  static TableMetadata bySnapshotId(TableOperations ops, TableMetadata head, long snapshotId) {
    return ops.log().findVersion(head, m -> m.currentSnapshot().map(s -> s.snapshotId() == snapshotId)
            .orElse(false), m -> false)
        .orElseThrow(() -> new NoSuchSnapshotException("Table " + ops.id() + " has no snapshot " + snapshotId
            + " in its history; 'snaplog log " + ops.id() + "' lists the snapshots", ops.id().toString()));
  }

  /** The version that was current at {@code time}: the newest committed at or before it. */
  static TableMetadata asOf(TableOperations ops, TableMetadata head, Instant time) {
    long millis = time.toEpochMilli();
    TableMetadata m = ops.log().findVersion(head, v -> v.lastUpdatedMillis() <= millis, v -> false)
        .orElseThrow(() -> new NoSuchSnapshotException("Table " + ops.id() + " did not exist yet at " + time
            + "; it was created later", ops.id().toString()));
    if (m.currentSnapshot().isEmpty()) {
      Instant first = firstSnapshotTime(ops, head);
      throw new NoSuchSnapshotException("Table " + ops.id() + " had no snapshot yet at " + time
          + (first == null ? "; it has no snapshot at all" : "; its first snapshot was committed at " + first),
          ops.id().toString());
    }
    return m;
  }

  private static Instant firstSnapshotTime(TableOperations ops, TableMetadata head) {
    Instant first = null;
    for (TableMetadata m : ops.log().chain(head)) {
      if (m.currentSnapshot().isPresent()) {
        first = m.currentSnapshot().map(Snapshot::timestamp).get();
      }
    }
    return first;
  }
}
