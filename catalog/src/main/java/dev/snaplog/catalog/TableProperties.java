package dev.snaplog.catalog;

import java.util.Map;

/**
 * Table properties Snaplog itself reads, with their defaults. Each may also be set on the catalog, where it
 * is the default for every table that does not set it.
 */
public final class TableProperties {
  /** Attempts per commit before a lost race is reported (appends are re-applied on each attempt). */
  public static final String COMMIT_NUM_RETRIES = "commit.retry.num-retries";
  public static final int COMMIT_NUM_RETRIES_DEFAULT = 100;

  /**
   * Least backoff unit after a lost race. The unit is the longer of this and twice the attempt that lost, and
   * doubles per attempt; each wait is random up to it (full jitter).
   */
  public static final String COMMIT_MIN_WAIT_MS = "commit.retry.min-wait-ms";
  public static final int COMMIT_MIN_WAIT_MS_DEFAULT = 5;

  public static final String COMMIT_MAX_WAIT_MS = "commit.retry.max-wait-ms";
  public static final int COMMIT_MAX_WAIT_MS_DEFAULT = 2_000;

  /** Total time one commit may spend retrying. */
  public static final String COMMIT_TOTAL_TIMEOUT_MS = "commit.retry.total-timeout-ms";
  public static final int COMMIT_TOTAL_TIMEOUT_MS_DEFAULT = 10 * 60 * 1000;

  /**
   * A checkpoint of the live file set is written every this many commits, which bounds both replay during
   * scan planning and the size of each metadata file.
   */
  public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
  public static final int CHECKPOINT_INTERVAL_DEFAULT = 10;

  /**
   * Versions per leaf of the history index; also the most unflushed entries a metadata file carries. Time
   * travel reads at most root + leaf + metadata whatever the value.
   */
  public static final String HISTORY_LEAF_SIZE = "history.leaf-size";
  public static final int HISTORY_LEAF_SIZE_DEFAULT = 100;

  /**
   * Code points (bytes for binary) kept of string and binary column bounds in the log; longer bounds are
   * truncated (see docs/design.md, "Limits"). 1 to 1024.
   */
  public static final String STATS_TRUNCATE_LENGTH = dev.snaplog.manifest.StatsTruncation.PROPERTY;
  public static final int STATS_TRUNCATE_LENGTH_DEFAULT = dev.snaplog.core.types.BoundTruncation.DEFAULT_LENGTH;

  /**
   * The most commit-token writers whose last sequence a table remembers. Beyond it the writer that committed
   * least recently is forgotten, so metadata stays small however many writer names come and go; a forgotten
   * writer's replayed token would commit again. The exactly-once window is therefore: a writer is remembered
   * until this many other writers have committed after its last commit.
   */
  public static final String COMMIT_TOKEN_MAX_WRITERS = "commit-token.max-writers";
  public static final int COMMIT_TOKEN_MAX_WRITERS_DEFAULT = 200;

  /**
   * The isolation level changes are validated at when they do not set one: {@code serializable} (default)
   * or {@code snapshot}; see docs/concurrency.md.
   */
  public static final String ISOLATION_LEVEL = "write.isolation-level";
  public static final String ISOLATION_LEVEL_DEFAULT = "serializable";

  /**
   * How a delete or upsert removes some rows of a file: {@code merge-on-read} (default) writes a deletion
   * vector that readers apply, {@code copy-on-write} writes the file again without them.
   */
  public static final String DELETE_MODE = "write.delete.mode";
  public static final String DELETE_MODE_MERGE_ON_READ = "merge-on-read";
  public static final String DELETE_MODE_COPY_ON_WRITE = "copy-on-write";

  /**
   * The size compaction ({@code Table.newRewrite()}, {@code snaplog compact}) aims new data files at, in bytes.
   * Files below three quarters of it, and files with deleted rows, are rewritten.
   */
  public static final String TARGET_FILE_SIZE_BYTES = "write.target-file-size-bytes";
  public static final long TARGET_FILE_SIZE_BYTES_DEFAULT = 128L * 1024 * 1024;

  /**
   * The most data files a writer of a partitioned table keeps open at once; a row of another partition first
   * finishes the file written least recently. Bounds a writer's memory however rows are ordered.
   */
  public static final String PARTITIONED_MAX_OPEN_FILES = "write.partitioned.max-open-files";
  public static final int PARTITIONED_MAX_OPEN_FILES_DEFAULT = 64;

  /**
   * The most rows a writer of a sorted table holds in memory to sort; when it holds that many, it sorts them
   * and writes them as a file of their own (across all partitions of a partitioned writer). Each file is
   * sorted; a larger write makes several files whose ranges may overlap.
   */
  public static final String SORT_BUFFER_ROWS = "write.sort.buffer-rows";
  public static final int SORT_BUFFER_ROWS_DEFAULT = 1_000_000;

  private TableProperties() {}

  /** The open-file bound of partitioned writers, from table properties with catalog properties as defaults. */
  public static int partitionedMaxOpenFiles(Map<String, String> tableProps, Map<String, String> catalogProps) {
    int n = intValue(tableProps, catalogProps, PARTITIONED_MAX_OPEN_FILES, PARTITIONED_MAX_OPEN_FILES_DEFAULT);
    if (n < 1) {
      throw new dev.snaplog.core.exceptions.ValidationException("Property " + PARTITIONED_MAX_OPEN_FILES
          + " must be at least 1, got " + n);
    }
    return n;
  }

  /** The sort buffer bound of writers of sorted tables, from table properties with catalog properties as defaults. */
  public static int sortBufferRows(Map<String, String> tableProps, Map<String, String> catalogProps) {
    int n = intValue(tableProps, catalogProps, SORT_BUFFER_ROWS, SORT_BUFFER_ROWS_DEFAULT);
    if (n < 1) {
      throw new dev.snaplog.core.exceptions.ValidationException("Property " + SORT_BUFFER_ROWS
          + " must be at least 1, got " + n);
    }
    return n;
  }

  /** The target file size of compaction set by table properties, with catalog properties as defaults. */
  public static long targetFileSizeBytes(Map<String, String> tableProps, Map<String, String> catalogProps) {
    String v = tableProps.getOrDefault(TARGET_FILE_SIZE_BYTES, catalogProps.get(TARGET_FILE_SIZE_BYTES));
    if (v == null) {
      return TARGET_FILE_SIZE_BYTES_DEFAULT;
    }
    long bytes;
    try {
      bytes = Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      bytes = 0;
    }
    if (bytes <= 0) {
      throw new dev.snaplog.core.exceptions.ValidationException("Property " + TARGET_FILE_SIZE_BYTES + " must be a"
          + " positive number of bytes, got '" + v + "'");
    }
    return bytes;
  }

  /** The isolation level set by table properties, with catalog properties as defaults. */
  public static dev.snaplog.core.IsolationLevel isolationLevel(Map<String, String> tableProps,
      Map<String, String> catalogProps) {
    return dev.snaplog.core.IsolationLevel.parse(tableProps.getOrDefault(ISOLATION_LEVEL,
        catalogProps.getOrDefault(ISOLATION_LEVEL, ISOLATION_LEVEL_DEFAULT)));
  }

  /** Whether partial deletes rewrite files ({@code copy-on-write}) rather than write deletion vectors. */
  public static boolean copyOnWrite(Map<String, String> tableProps, Map<String, String> catalogProps) {
    String mode = tableProps.getOrDefault(DELETE_MODE, catalogProps.getOrDefault(DELETE_MODE,
        DELETE_MODE_MERGE_ON_READ)).trim();
    if (mode.equals(DELETE_MODE_COPY_ON_WRITE)) {
      return true;
    }
    if (mode.equals(DELETE_MODE_MERGE_ON_READ)) {
      return false;
    }
    throw new dev.snaplog.core.exceptions.ValidationException("Property " + DELETE_MODE + " must be '"
        + DELETE_MODE_MERGE_ON_READ + "' or '" + DELETE_MODE_COPY_ON_WRITE + "', got '" + mode + "'");
  }

  static int intValue(Map<String, String> tableProps, Map<String, String> catalogProps, String key, int def) {
    String v = tableProps.getOrDefault(key, catalogProps.get(key));
    if (v == null) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new dev.snaplog.core.exceptions.ValidationException("Property " + key + " must be a whole number,"
          + " got '" + v + "'");
    }
  }
}
