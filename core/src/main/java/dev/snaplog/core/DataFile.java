package dev.snaplog.core;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable description of one data file: where it is, how many rows and bytes, and per-column stats keyed
 * by field id. Scan planning prunes files with these stats without opening them.
 *
 * @param location full location of the file
 * @param format file format; only {@code parquet} today
 * @param recordCount rows in the file
 * @param fileSizeBytes size of the file
 * @param columnStats stats by field id; a column may be absent when its stats are unknown
 */
public record DataFile(String location, String format, long recordCount, long fileSizeBytes,
                       Map<Integer, ColumnStats> columnStats) {
  public static final String PARQUET = "parquet";

  public DataFile {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(format, "format");
    columnStats = Map.copyOf(columnStats);
  }

  /** The same file at another location; used when a manifest resolves relative paths. */
  public DataFile withLocation(String newLocation) {
    return new DataFile(newLocation, format, recordCount, fileSizeBytes, columnStats);
  }
}
