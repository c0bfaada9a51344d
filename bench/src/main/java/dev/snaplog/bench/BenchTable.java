package dev.snaplog.bench;

import java.io.Closeable;
import java.util.List;

/**
 * One table of one system, driven through that system's public API only. Both implementations lay out the
 * same data: schema {@code id long not null, v double, s string}; registered ("synthetic") file number k
 * holds ids {@code [k * 1000, k * 1000 + 999]}, so a filter {@code id < n * 1000} keeps exactly n files.
 */
interface BenchTable extends Closeable {
  long ROWS_PER_REGISTERED_FILE = 1000;

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
