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

  /**
   * The snapshot {@code snapshotId} with the file set it reads: found at the head (main or a branch head), or
   * in the version that created it.
   */
  static SnapshotState bySnapshotId(TableOperations ops, TableMetadata head, long snapshotId) {
    Optional<SnapshotState> found = in(head, snapshotId);
    if (found.isEmpty()) {
      found = byVersion(ops, head, SnapshotIds.versionOf(snapshotId)).flatMap(m -> in(m, snapshotId));
    }
    return found.orElseThrow(() -> new NoSuchSnapshotException("Table " + ops.id() + " has no snapshot "
        + snapshotId + " in its retained history; 'snaplog log " + ops.id() + "' lists the snapshots",
        ops.id().toString()));
  }

  /**
   * As {@link #bySnapshotId}, reading the metadata of the version that created the snapshot only when the
   * result is loaded: its history index entry names the snapshot's id and schema. A snapshot made on a branch,
   * or indexed before entries carried summaries, is looked up at once as {@link #bySnapshotId} does.
   */
  static LazySnapshotState bySnapshotIdLazily(TableOperations ops, TableMetadata head, long snapshotId) {
    Optional<SnapshotState> atHead = in(head, snapshotId);
    if (atHead.isPresent()) {
      return LazySnapshotState.loaded(atHead.get());
    }
    Optional<IndexEntry> entry = HistoryIndex.byVersion(ops.log(), head, SnapshotIds.versionOf(snapshotId))
        .filter(e -> e.snapshot().map(s -> s.snapshotId() == snapshotId).orElse(false));
    if (entry.isPresent()) {
      return lazily(ops, entry.get());
    }
    return LazySnapshotState.loaded(bySnapshotId(ops, head, snapshotId));
  }

  /** As {@link #asOf}, reading the metadata of the version found only when the result is loaded. */
  static LazySnapshotState asOfLazily(TableOperations ops, TableMetadata head, Instant time) {
    long millis = time.toEpochMilli();
    if (head.lastUpdatedMillis() > millis) {
      Optional<IndexEntry> entry = HistoryIndex.byTime(ops.log(), head, millis);
      if (entry.isPresent() && entry.get().snapshot().isPresent() && entry.get().snapshotId() != 0) {
        return lazily(ops, entry.get());
      }
    }
    return LazySnapshotState.loaded(asOf(ops, head, time));
  }

  private static LazySnapshotState lazily(TableOperations ops, IndexEntry e) {
    return LazySnapshotState.of(e.snapshot().orElseThrow(),
        () -> SnapshotState.main(ops.log().readMetadata(e.metadataLocation())));
  }

  private static Optional<SnapshotState> in(TableMetadata m, long snapshotId) {
    if (m.currentSnapshot().map(s -> s.snapshotId() == snapshotId).orElse(false)) {
      return Optional.of(SnapshotState.main(m));
    }
    return m.branches().values().stream().filter(b -> b.head().snapshotId() == snapshotId).findFirst()
        .map(b -> new SnapshotState(m, b.head(), b.fileSet()));
  }

  /** The head of {@code branch} ({@code main} is the current snapshot). */
  static SnapshotState byBranch(TableOperations ops, TableMetadata head, String branch) {
    if (branch.equals(dev.snaplog.core.ManageRefs.MAIN)) {
      if (head.currentSnapshot().isEmpty()) {
        throw new NoSuchSnapshotException("Table " + ops.id() + " has no snapshot on main yet", ops.id().toString());
      }
      return SnapshotState.main(head);
    }
    dev.snaplog.manifest.BranchState b = head.branches().get(branch);
    if (b == null) {
      throw new NoSuchSnapshotException("Table " + ops.id() + " has no branch '" + branch + "'; its branches are "
          + head.branches().keySet(), ops.id().toString());
    }
    return new SnapshotState(head, b.head(), b.fileSet());
  }

  static Optional<TableMetadata> byVersion(TableOperations ops, TableMetadata head, long version) {
    if (version == head.version()) {
      return Optional.of(head);
    }
    return HistoryIndex.byVersion(ops.log(), head, version)
        .map(e -> ops.log().readMetadata(e.metadataLocation()));
  }

  /** The version that was current at {@code time}: the newest committed at or before it. */
  static SnapshotState asOf(TableOperations ops, TableMetadata head, Instant time) {
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
    return SnapshotState.main(m);
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
