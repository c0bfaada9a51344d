package dev.snaplog.catalog;

import java.util.Map;

/**
 * How a commit retries after losing a race: at most {@code maxAttempts} attempts within
 * {@code totalTimeoutMillis}, waiting a random time up to {@code min(maxWait, unit * 2^(attempt-1))} between
 * them, where the unit is the longer of {@code minWait} and twice the attempt that lost (exponential backoff with
 * full jitter, scaled to the store's commit time, so contending writers spread out instead of colliding again).
 */
public record CommitRetryPolicy(int maxAttempts, long minWaitMillis, long maxWaitMillis, long totalTimeoutMillis) {
  public CommitRetryPolicy {
    if (maxAttempts < 1 || minWaitMillis < 0 || maxWaitMillis < minWaitMillis || totalTimeoutMillis < 0) {
      throw new dev.snaplog.core.exceptions.ValidationException("Invalid commit retry policy: attempts="
          + maxAttempts + ", min-wait=" + minWaitMillis + ", max-wait=" + maxWaitMillis + ", total="
          + totalTimeoutMillis);
    }
  }

  /** The policy set by table properties, with catalog properties as defaults. */
  public static CommitRetryPolicy from(Map<String, String> tableProps, Map<String, String> catalogProps) {
    return new CommitRetryPolicy(
        TableProperties.intValue(tableProps, catalogProps, TableProperties.COMMIT_NUM_RETRIES,
            TableProperties.COMMIT_NUM_RETRIES_DEFAULT),
        TableProperties.intValue(tableProps, catalogProps, TableProperties.COMMIT_MIN_WAIT_MS,
            TableProperties.COMMIT_MIN_WAIT_MS_DEFAULT),
        TableProperties.intValue(tableProps, catalogProps, TableProperties.COMMIT_MAX_WAIT_MS,
            TableProperties.COMMIT_MAX_WAIT_MS_DEFAULT),
        TableProperties.intValue(tableProps, catalogProps, TableProperties.COMMIT_TOTAL_TIMEOUT_MS,
            TableProperties.COMMIT_TOTAL_TIMEOUT_MS_DEFAULT));
  }

  /** History index leaf size from the same two property maps. */
  public static int historyLeafSize(Map<String, String> tableProps, Map<String, String> catalogProps) {
    return atLeast(tableProps, catalogProps, TableProperties.HISTORY_LEAF_SIZE,
        TableProperties.HISTORY_LEAF_SIZE_DEFAULT, 2);
  }

  /** Checkpoint interval from the same two property maps. */
  public static int checkpointInterval(Map<String, String> tableProps, Map<String, String> catalogProps) {
    return atLeast(tableProps, catalogProps, TableProperties.CHECKPOINT_INTERVAL,
        TableProperties.CHECKPOINT_INTERVAL_DEFAULT, 1);
  }

  /** How many commit-token writers a table remembers, from the same two property maps. */
  public static int maxWriterMarks(Map<String, String> tableProps, Map<String, String> catalogProps) {
    return atLeast(tableProps, catalogProps, TableProperties.COMMIT_TOKEN_MAX_WRITERS,
        TableProperties.COMMIT_TOKEN_MAX_WRITERS_DEFAULT, 1);
  }

  private static int atLeast(Map<String, String> tableProps, Map<String, String> catalogProps, String key,
      int def, int min) {
    int n = TableProperties.intValue(tableProps, catalogProps, key, def);
    if (n < min) {
      throw new dev.snaplog.core.exceptions.ValidationException(key + " must be at least " + min + ", got " + n);
    }
    return n;
  }
}
