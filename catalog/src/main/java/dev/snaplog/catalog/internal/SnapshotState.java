package dev.snaplog.catalog.internal;

import dev.snaplog.core.Snapshot;
import dev.snaplog.manifest.FileSetState;
import dev.snaplog.manifest.TableMetadata;

/**
 * A snapshot as time travel finds it: the snapshot, the file set it reads, and the version it was found in
 * (which supplies the schemas).
 */
record SnapshotState(TableMetadata context, Snapshot snapshot, FileSetState fileSet) {
  static SnapshotState main(TableMetadata m) {
    return new SnapshotState(m, m.currentSnapshot().orElseThrow(), m.fileSet());
  }
}
