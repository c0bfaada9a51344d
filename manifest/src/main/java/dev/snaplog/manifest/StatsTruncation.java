package dev.snaplog.manifest;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.BoundTruncation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Truncates string and binary bounds before they are written into the log (log records, checkpoint parts and
 * the per-part stats of checkpoints), so that a huge value makes no huge log object: every reader would have
 * to load it, and JSON readers limit string lengths. The length is the table property
 * {@value #PROPERTY} (default {@value BoundTruncation#DEFAULT_LENGTH} code points, or bytes for binary). See
 * {@link BoundTruncation} for why pruning stays correct. Readers accept bounds of any length, so tables written
 * before truncation existed read as before.
 */
public final class StatsTruncation {
  /** Table property: code points (bytes for binary) kept of string and binary bounds. */
  public static final String PROPERTY = "stats.truncate-length";

  /** The largest accepted value of {@value #PROPERTY}. */
  public static final int MAX_LENGTH = 1024;

  private StatsTruncation() {}

  /**
   * The truncation length a table's properties ask for.
   *
   * @throws ValidationException if the property is not a whole number from 1 to {@value #MAX_LENGTH}
   */
  public static int length(Map<String, String> tableProperties) {
    String v = tableProperties.get(PROPERTY);
    if (v == null) {
      return BoundTruncation.DEFAULT_LENGTH;
    }
    int n;
    try {
      n = Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LENGTH) {
      throw new ValidationException("Property " + PROPERTY + " must be a whole number from 1 to " + MAX_LENGTH
          + ", got '" + v + "'");
    }
    return n;
  }

  static LogRecord truncate(LogRecord r, Schema schema, int length) {
    return new LogRecord(r.commitId(), r.schemaId(), truncate(r.added(), schema, length), r.removed());
  }

  static List<DataFile> truncate(List<DataFile> files, Schema schema, int length) {
    return files.stream().map(f -> f.withColumnStats(truncate(f.columnStats(), schema, length))).toList();
  }

  static Checkpoint truncate(Checkpoint c, Schema schema, int length) {
    return new Checkpoint(c.version(), c.schemaId(), c.parts().stream().map(p -> new CheckpointPart(p.location(),
        p.fileCount(), p.recordCount(), truncate(p.stats(), schema, length))).toList());
  }

  static Map<Integer, ColumnStats> truncate(Map<Integer, ColumnStats> stats, Schema schema, int length) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    stats.forEach((id, s) -> {
      Field f = schema.findFieldById(id).orElse(null);
      out.put(id, f == null ? s : BoundTruncation.truncate(f.type(), s, length));
    });
    return out;
  }
}
