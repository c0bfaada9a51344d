package dev.snaplog.spark.internal;

import java.util.Map;
import org.apache.spark.sql.connector.write.RowLevelOperation.Command;

/**
 * How a row-level statement changes a table, chosen per statement by the table properties
 * {@code write.delete.mode}, {@code write.update.mode} and {@code write.merge.mode} (else the catalog's setting
 * of the same name): {@code merge-on-read}, the default, or {@code copy-on-write}.
 */
enum RowLevelMode {
  MERGE_ON_READ, COPY_ON_WRITE;

  static final String MERGE_ON_READ_NAME = "merge-on-read";
  static final String COPY_ON_WRITE_NAME = "copy-on-write";

  /** The property that chooses the mode of {@code command}. */
  static String property(Command command) {
    return switch (command) {
      case DELETE -> "write.delete.mode";
      case UPDATE -> "write.update.mode";
      case MERGE -> "write.merge.mode";
    };
  }

  /**
   * The mode of {@code command} on a table with {@code tableProperties}, in a catalog with
   * {@code catalogProperties}.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the property holds another value
   */
  static RowLevelMode of(Command command, Map<String, String> tableProperties,
      Map<String, String> catalogProperties) {
    String key = property(command);
    String value = tableProperties.getOrDefault(key, catalogProperties.getOrDefault(key, MERGE_ON_READ_NAME));
    return switch (value.trim()) {
      case MERGE_ON_READ_NAME -> MERGE_ON_READ;
      case COPY_ON_WRITE_NAME -> COPY_ON_WRITE;
      default -> throw SparkErrors.badRowLevelMode(key, value);
    };
  }
}
