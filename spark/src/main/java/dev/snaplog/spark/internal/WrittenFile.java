package dev.snaplog.spark.internal;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A data file an executor wrote, described for the driver's commit: the {@link DataFile} with its stats, the
 * partition spec it was written for and its partition values, in a serializable form (binary values as byte
 * arrays; every other canonical value class is serializable).
 */
record WrittenFile(String location, String format, long recordCount, long fileSizeBytes,
                   HashMap<Integer, Stats> columnStats, int specId, LinkedHashMap<Integer, Object> partition)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  record Stats(long nullCount, Object min, Object max) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static WrittenFile of(DataFile file) {
    HashMap<Integer, Stats> stats = new HashMap<>();
    file.columnStats().forEach((id, s) -> stats.put(id, new Stats(s.nullCount(), portable(s.min().orElse(null)),
        portable(s.max().orElse(null)))));
    LinkedHashMap<Integer, Object> partition = new LinkedHashMap<>();
    file.partition().forEach((id, v) -> partition.put(id, portable(v)));
    return new WrittenFile(file.location(), file.format(), file.recordCount(), file.fileSizeBytes(), stats,
        file.specId(), partition);
  }

  DataFile toDataFile() {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    columnStats.forEach((id, s) -> stats.put(id, new ColumnStats(s.nullCount(), canonical(s.min()),
        canonical(s.max()))));
    Map<Integer, Object> values = new LinkedHashMap<>();
    partition.forEach((id, v) -> values.put(id, canonical(v)));
    return new DataFile(location, format, recordCount, fileSizeBytes, stats).withPartition(specId, values);
  }

  private static Object portable(Object value) {
    return value instanceof ByteBuffer b ? SparkValues.bytes(b) : value;
  }

  private static Object canonical(Object value) {
    return value instanceof byte[] b ? ByteBuffer.wrap(b).asReadOnlyBuffer() : value;
  }
}
