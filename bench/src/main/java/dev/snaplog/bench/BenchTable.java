package dev.snaplog.bench;

import java.io.Closeable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One table of one system, driven through that system's public API only. Both implementations lay out the
 * same data: schema {@code id long not null, v double, s string}; registered ("synthetic") file number k
 * holds ids {@code [k * 1000, k * 1000 + 999]}, so a filter {@code id < n * 1000} keeps exactly n files.
 *
 * <p>A table partitioned by day (workload 8) has a fourth column {@code ts timestamptz} and the spec
 * {@code day(ts)}; its registered file k holds timestamps of day {@code k % DAYS} after {@link #DAY0} only, and
 * carries that day as its partition value. Consecutive files land on consecutive days, so every commit of
 * {@code DAYS} files or more touches every day, as a batch of late or replayed events would.
 */
interface BenchTable extends Closeable {
  long ROWS_PER_REGISTERED_FILE = 1000;

  /** Days the registered files of a table partitioned by day are spread over, round robin. */
  int DAYS = 100;

  /** The first day of a table partitioned by day. */
  Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The start of the day that registered file {@code fileNumber} of a table partitioned by day holds. */
  static Instant dayOfFile(long fileNumber) {
    return dayStart((int) (fileNumber % DAYS));
  }

  /** The start of day {@code day} after {@link #DAY0}. */
  static Instant dayStart(int day) {
    return DAY0.plus(day, ChronoUnit.DAYS);
  }

  String system();

  /**
   * Commits {@code commits} appends of {@code filesPerCommit} registered files each. The files are described
   * with stats but never written. An implementation may group commits (documented where it does).
   */
  void grow(int commits, int filesPerCommit);

  /** Registered files committed so far. */
  long registeredFiles();

  /** Writes a small real data file of {@code rows} rows and returns it, uncommitted. */
  Object writeSmallFile(int rows);

  /** Commits one append of a file from {@link #writeSmallFile} or {@link #registeredFile}. */
  void commitFile(Object file);

  /** A registered file (stats only), not yet committed. */
  Object registeredFile();

  /**
   * Plans a scan and returns the number of file tasks.
   *
   * @param snapshotId the snapshot to read, or null for the current one
   * @param idBelow keep files that may hold {@code id < idBelow}, or null for no filter
   */
  int planFiles(Long snapshotId, Long idBelow);

  /**
   * Plans a scan of the current snapshot of a table partitioned by day and returns the number of file tasks.
   *
   * @param day keep files that may hold a {@code ts} in day {@code day} after {@link #DAY0} (the filter
   *     {@code ts >= start and ts < start of the next day}, on the source column), or null for no filter
   */
  int planFilesOnDay(Integer day);

  /** The id of the snapshot current at {@code millis}. */
  long snapshotIdAsOf(long millis);

  /** (timestamp ms, snapshot id) of each commit, oldest first. */
  List<long[]> history();

  /** Data files in the current snapshot, by its summary. */
  long currentTotalFiles();

  /** Loads the newest version. */
  void refresh();

  Counters counters();

  @Override
  void close();
}
