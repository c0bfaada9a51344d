package dev.snaplog.core;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One state of a table's data, immutable. Holds no IO: the files of a snapshot are found by planning a scan.
 *
 * @param snapshotId random positive id, unique within the table
 * @param parentId the snapshot this one was built on, absent for the first
 * @param sequenceNumber the table version (pointer version) at which this snapshot was committed
 * @param timestampMillis commit time; strictly increasing along the chain even when writers' clocks disagree
 * @param operation {@code append}, {@code overwrite}, {@code delete}...
 * @param commitId unique id of the commit that produced it, used to settle unknown commit outcomes
 * @param schemaId schema the data was written with
 * @param summary counts of added and removed files, records and bytes, totals, and user properties
 */
public record Snapshot(long snapshotId, Optional<Long> parentId, long sequenceNumber, long timestampMillis,
                       String operation, String commitId, int schemaId, Map<String, String> summary) {
  public static final String ADDED_FILES = "added-files";
  public static final String REMOVED_FILES = "removed-files";
  public static final String ADDED_RECORDS = "added-records";
  public static final String REMOVED_RECORDS = "removed-records";
  public static final String ADDED_BYTES = "added-bytes";
  public static final String REMOVED_BYTES = "removed-bytes";
  public static final String TOTAL_FILES = "total-files";
  public static final String TOTAL_RECORDS = "total-records";
  public static final String TOTAL_BYTES = "total-bytes";
  public static final String COMMIT_TOKEN = "commit-token";

  public Snapshot {
    summary = Map.copyOf(summary);
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /** A summary value as a number, 0 when absent. */
  public long summaryLong(String key) {
    String v = summary.get(key);
    return v == null ? 0 : Long.parseLong(v);
  }
}
