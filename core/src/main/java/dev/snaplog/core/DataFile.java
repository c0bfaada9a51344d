package dev.snaplog.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable description of one data file: where it is, how many rows and bytes, per-column stats keyed by
 * field id, and what the log knows about it beyond the file: its content kind, partition, deleted rows and
 * data sequence number. Scan planning prunes files with these stats without opening them.
 *
 * <p>{@code recordCount} and the stats describe the file as written; rows deleted later through a deletion
 * vector are still counted there (the stats stay valid bounds) and subtracted by {@link #liveRecordCount()}.
 *
 * @param location full location of the file
 * @param format file format; only {@code parquet} today
 * @param recordCount rows in the file
 * @param fileSizeBytes size of the file
 * @param columnStats stats by field id; a column may be absent when its stats are unknown
 * @param content what the file holds
 * @param specId the partition spec the file was written for
 * @param partition partition values by partition field id; empty for an unpartitioned table
 * @param deletionVector the rows of this file deleted since it was written, if any
 * @param dataSequenceNumber the table version that added the file's rows (0 until the commit that adds it
 *     lands: the log assigns it), which orders deletes against inserts
 */
public record DataFile(String location, String format, long recordCount, long fileSizeBytes,
                       Map<Integer, ColumnStats> columnStats, FileContent content, int specId,
                       Map<Integer, Object> partition, Optional<DeletionVectorRef> deletionVector,
                       long dataSequenceNumber) {
  public static final String PARQUET = "parquet";

  public DataFile {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(content, "content");
    columnStats = Map.copyOf(columnStats);
    partition = immutablePartition(partition);
    Objects.requireNonNull(deletionVector, "deletionVector");
  }

  /**
   * {@code values} as a data file keeps them: an immutable copy in the given order (nulls allowed), or the map
   * itself when it is such a copy already, so files that share a partition can share its map (a checkpoint of
   * a table partitioned by day decodes one map per day, not one per file).
   */
  public static Map<Integer, Object> immutablePartition(Map<Integer, Object> values) {
    if (values.isEmpty()) {
      return Map.of();
    }
    return values instanceof FrozenPartition ? values : new FrozenPartition(new java.util.LinkedHashMap<>(values));
  }

  /** An ordered, immutable map of partition values; unlike {@code Map.copyOf}'s, it keeps order and nulls. */
  private static final class FrozenPartition extends java.util.AbstractMap<Integer, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final Map<Integer, Object> values;

    FrozenPartition(java.util.LinkedHashMap<Integer, Object> copy) {
      this.values = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public java.util.Set<Map.Entry<Integer, Object>> entrySet() {
      return values.entrySet();
    }

    @Override
    public Object get(Object key) {
      return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return values.containsKey(key);
    }

    @Override
    public int size() {
      return values.size();
    }
  }

  /** A data file of an unpartitioned table, with no deleted rows, as a writer produces it. */
  public DataFile(String location, String format, long recordCount, long fileSizeBytes,
      Map<Integer, ColumnStats> columnStats) {
    this(location, format, recordCount, fileSizeBytes, columnStats, FileContent.DATA,
        PartitionSpec.UNPARTITIONED.specId(), Map.of(), Optional.empty(), 0L);
  }

  /** Rows of the file not deleted by its deletion vector. */
  public long liveRecordCount() {
    return recordCount - deletionVector.map(DeletionVectorRef::deletedCount).orElse(0L);
  }

  /** The same file at another location; used when a manifest resolves relative paths. */
  public DataFile withLocation(String newLocation) {
    return new DataFile(newLocation, format, recordCount, fileSizeBytes, columnStats, content, specId, partition,
        deletionVector, dataSequenceNumber);
  }

  /** The same file with other column stats (bounds truncated for the log). */
  public DataFile withColumnStats(Map<Integer, ColumnStats> stats) {
    return new DataFile(location, format, recordCount, fileSizeBytes, stats, content, specId, partition,
        deletionVector, dataSequenceNumber);
  }

  /** The same file with another deletion vector (empty: no rows deleted). */
  public DataFile withDeletionVector(Optional<DeletionVectorRef> dv) {
    return new DataFile(location, format, recordCount, fileSizeBytes, columnStats, content, specId, partition, dv,
        dataSequenceNumber);
  }

  /** The same file placed in a partition of spec {@code newSpecId}, as a partitioned writer describes it. */
  public DataFile withPartition(int newSpecId, Map<Integer, Object> values) {
    return new DataFile(location, format, recordCount, fileSizeBytes, columnStats, content, newSpecId, values,
        deletionVector, dataSequenceNumber);
  }

  /** The same file with its data sequence number assigned. */
  public DataFile withDataSequenceNumber(long sequenceNumber) {
    return new DataFile(location, format, recordCount, fileSizeBytes, columnStats, content, specId, partition,
        deletionVector, sequenceNumber);
  }
}
