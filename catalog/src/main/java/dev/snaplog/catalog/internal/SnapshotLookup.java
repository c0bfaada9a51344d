package dev.snaplog.catalog.internal;

import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.TableMetadata;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the version of a table that time travel asks for through the history index: at any depth, at most a
 * root, a leaf and the version's metadata are read. The version chain is the record of what readers saw: a
 * rollback is a version of its own.
 */
final class SnapshotLookup {
  private SnapshotLookup() {}

  /** A version whose current snapshot is {@code snapshotId}: the head, or the version that created it. */
  static TableMetadata bySnapshotId(TableOperations ops, TableMetadata head, long snapshotId) {
    if (head.currentSnapshot().map(s -> s.snapshotId() == snapshotId).orElse(false)) {
      return head;
    }
    Optional<TableMetadata> created = byVersion(ops, head, SnapshotIds.versionOf(snapshotId))
        .filter(m -> m.currentSnapshot().map(s -> s.snapshotId() == snapshotId).orElse(false));
    return created.orElseThrow(() -> new NoSuchSnapshotException("Table " + ops.id() + " has no snapshot "
        + snapshotId + " in its retained history; 'snaplog log " + ops.id() + "' lists the snapshots",
        ops.id().toString()));
  }

  static Optional<TableMetadata> byVersion(TableOperations ops, TableMetadata head, long version) {
    if (version == head.version()) {
      return Optional.of(head);
    }
    return HistoryIndex.byVersion(ops.log(), head, version)
        .map(e -> ops.log().readMetadata(e.metadataLocation()));
  }

  /** The version that was current at {@code time}: the newest committed at or before it. */
  static TableMetadata asOf(TableOperations ops, TableMetadata head, Instant time) {
    long millis = time.toEpochMilli();
    TableMetadata m;
    if (head.lastUpdatedMillis() <= millis) {
      m = head;
    } else {
      m = HistoryIndex.byTime(ops.log(), head, millis).map(e -> ops.log().readMetadata(e.metadataLocation()))
          .orElseThrow(() -> new NoSuchSnapshotException("Table " + ops.id() + " did not exist yet at " + time
              + (head.history().floor() > 0 ? " (or that part of its history has expired)" : "; it was created"
              + " later"), ops.id().toString()));
    }
    if (m.currentSnapshot().isEmpty()) {
      Optional<Instant> first = firstSnapshotTime(ops, head);
      throw new NoSuchSnapshotException("Table " + ops.id() + " had no snapshot yet at " + time
          + first.map(f -> "; its first snapshot was committed at " + f).orElse("; it has no snapshot at all"),
          ops.id().toString());
    }
    return m;
  }

  private static Optional<Instant> firstSnapshotTime(TableOperations ops, TableMetadata head) {
    Instant first = head.currentSnapshot().isPresent() ? Instant.ofEpochMilli(head.lastUpdatedMillis()) : null;
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head)) {
      if (e.snapshotId() != 0) {
        first = Instant.ofEpochMilli(e.timestampMillis());
      }
    }
    return Optional.ofNullable(first);
  }
}
