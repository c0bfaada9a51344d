package dev.snaplog.manifest;

import dev.snaplog.core.ColumnStats;
import java.util.Map;

/**
 * A reference to one immutable part of a checkpoint: where it is, how many files and rows it holds, and the
 * union of its files' column stats, so planning can skip a whole part without reading it.
 */
public record CheckpointPart(String location, long fileCount, long recordCount, Map<Integer, ColumnStats> stats) {
  public CheckpointPart {
    stats = Map.copyOf(stats);
  }
}
