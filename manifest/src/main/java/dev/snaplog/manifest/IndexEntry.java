package dev.snaplog.manifest;

import dev.snaplog.core.Snapshot;
import java.util.Optional;

/**
 * One version in the history index: when it was committed, which snapshot it made current (0 for none), by
 * which operation, where its metadata is, and a compact summary of that snapshot, so time travel can name the
 * snapshot a version read without fetching the version's metadata.
 *
 * @param snapshot the current snapshot of the version, without its summary map, commit id and sequence
 *     number; empty when the version had no snapshot or was indexed before summaries were (history index
 *     format 1)
 */
public record IndexEntry(long version, long timestampMillis, long snapshotId, String operation,
                         String metadataLocation, Optional<SnapshotSummary> snapshot) {
  /** What time travel needs to know of a snapshot to pick it and to walk its ancestors. */
  public record SnapshotSummary(long snapshotId, Optional<Long> parentId, long timestampMillis, String operation,
                                int schemaId) {
    public static SnapshotSummary of(Snapshot s) {
      return new SnapshotSummary(s.snapshotId(), s.parentId(), s.timestampMillis(), s.operation(), s.schemaId());
    }
  }

  public IndexEntry {
    java.util.Objects.requireNonNull(snapshot, "snapshot");
  }

  /** An entry without a snapshot summary (as format-1 indexes store them). */
  public IndexEntry(long version, long timestampMillis, long snapshotId, String operation,
      String metadataLocation) {
    this(version, timestampMillis, snapshotId, operation, metadataLocation, Optional.empty());
  }
}
