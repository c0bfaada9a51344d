package dev.snaplog.manifest;

import java.util.List;
import java.util.Optional;

/**
 * How to rebuild the live data files of a version: load the checkpoint (if any), then replay the log records
 * written after it, oldest first. Locations are full.
 *
 * @param checkpoint the newest checkpoint at or before this version
 * @param logRecords log records committed after the checkpoint, oldest first; bounded by the checkpoint interval
 */
public record FileSetState(Optional<String> checkpoint, List<String> logRecords) {
  public static final FileSetState EMPTY = new FileSetState(Optional.empty(), List.of());

  public FileSetState {
    logRecords = List.copyOf(logRecords);
  }

  public FileSetState plus(String logRecord) {
    List<String> next = new java.util.ArrayList<>(logRecords);
    next.add(logRecord);
    return new FileSetState(checkpoint, next);
  }
}
