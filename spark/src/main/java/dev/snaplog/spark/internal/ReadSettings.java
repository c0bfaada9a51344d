package dev.snaplog.spark.internal;

import java.io.Serializable;
import java.util.Map;

/**
 * How a scan reads its files: column by column into Spark's column vectors ({@code read.vectorization.enabled},
 * default true), and how many rows a batch holds then ({@code read.batch-size}, default 4,096). Each is taken
 * from the read's options first, then from the table's properties.
 *
 * @param vectorized read supported columns in batches (see {@link ColumnDecoder#supports})
 * @param batchSize rows per batch when vectorized
 */
record ReadSettings(boolean vectorized, int batchSize) implements Serializable {
  private static final long serialVersionUID = 1L;

  static final String VECTORIZATION_ENABLED = "read.vectorization.enabled";
  static final String BATCH_SIZE = "read.batch-size";
  static final int DEFAULT_BATCH_SIZE = 4096;
  static final ReadSettings DEFAULTS = new ReadSettings(true, DEFAULT_BATCH_SIZE);

  /**
   * @param options the read's options (keys compared without case, as Spark hands them over)
   * @throws dev.snaplog.core.exceptions.ValidationException if a value is malformed
   */
  static ReadSettings of(Map<String, String> options, Map<String, String> tableProperties) {
    String enabled = setting(VECTORIZATION_ENABLED, options, tableProperties);
    boolean vectorized = true;
    if (enabled != null) {
      vectorized = switch (enabled.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw SparkErrors.badReadSetting(VECTORIZATION_ENABLED, enabled, "true or false");
      };
    }
    String size = setting(BATCH_SIZE, options, tableProperties);
    int batchSize = DEFAULT_BATCH_SIZE;
    if (size != null) {
      try {
        batchSize = Integer.parseInt(size.trim());
      } catch (NumberFormatException e) {
        batchSize = 0;
      }
      if (batchSize <= 0) {
        throw SparkErrors.badReadSetting(BATCH_SIZE, size, "a positive number of rows");
      }
    }
    return new ReadSettings(vectorized, batchSize);
  }

  private static String setting(String key, Map<String, String> options, Map<String, String> tableProperties) {
    String v = options.get(key);
    return v != null ? v : tableProperties.get(key);
  }
}
