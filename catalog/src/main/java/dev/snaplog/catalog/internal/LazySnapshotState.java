package dev.snaplog.catalog.internal;

import dev.snaplog.manifest.IndexEntry.SnapshotSummary;
import java.util.function.Supplier;

/**
 * The snapshot a scan reads, known by id and schema as soon as time travel has found it in the history index
 * (whose entries carry a snapshot summary), with the version's metadata, the full snapshot and its file set,
 * read only when something needs them: a lookup on a loaded table whose index is cached reads no object.
 * Thread-safe; the metadata is read at most once.
 */
final class LazySnapshotState {
  private final long snapshotId;
  private final int schemaId;
  private Supplier<SnapshotState> loader; // null once loaded
  private SnapshotState state;

  private LazySnapshotState(long snapshotId, int schemaId, Supplier<SnapshotState> loader, SnapshotState state) {
    this.snapshotId = snapshotId;
    this.schemaId = schemaId;
    this.loader = loader;
    this.state = state;
  }

  static LazySnapshotState loaded(SnapshotState state) {
    return new LazySnapshotState(state.snapshot().snapshotId(), state.snapshot().schemaId(), null, state);
  }

  static LazySnapshotState of(SnapshotSummary summary, Supplier<SnapshotState> loader) {
    return new LazySnapshotState(summary.snapshotId(), summary.schemaId(), loader, null);
  }

  long snapshotId() {
    return snapshotId;
  }

  int schemaId() {
    return schemaId;
  }

  synchronized SnapshotState load() {
    if (state == null) {
      state = loader.get();
      loader = null;
    }
    return state;
  }
}
