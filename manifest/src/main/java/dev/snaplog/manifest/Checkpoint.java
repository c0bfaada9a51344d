package dev.snaplog.manifest;

import java.util.List;

/**
 * The complete live file set at one table version, as a list of immutable parts. A new checkpoint reuses the
 * parts of the previous one and adds a part for the files committed since, merging small parts as they pile
 * up (like a binary counter), so writing a checkpoint costs about the files added since the last one, not
 * the whole table.
 */
public record Checkpoint(long version, int schemaId, List<CheckpointPart> parts) {
  public Checkpoint {
    parts = List.copyOf(parts);
  }

  public long fileCount() {
    return parts.stream().mapToLong(CheckpointPart::fileCount).sum();
  }
}
