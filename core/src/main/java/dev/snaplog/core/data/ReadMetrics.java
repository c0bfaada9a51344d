package dev.snaplog.core.data;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of what a read did: how many row groups were decoded and how many were skipped because their
 * statistics ruled out the filter, and how many rows were decoded and returned. Thread-safe; one instance may
 * be shared by several reads to sum them.
 */
public final class ReadMetrics {
  private final AtomicLong rowGroupsRead = new AtomicLong();
  private final AtomicLong rowGroupsSkipped = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();
  private final AtomicLong rowsReturned = new AtomicLong();

  /** Row groups whose pages were read. */
  public long rowGroupsRead() {
    return rowGroupsRead.get();
  }

  /** Row groups skipped without reading their pages. */
  public long rowGroupsSkipped() {
    return rowGroupsSkipped.get();
  }

  /** Rows decoded from the row groups read, before the filter. */
  public long rowsRead() {
    return rowsRead.get();
  }

  /** Rows that passed the filter and were returned. */
  public long rowsReturned() {
    return rowsReturned.get();
  }

  void rowGroupRead(long rows) {
    rowGroupsRead.incrementAndGet();
    rowsRead.addAndGet(rows);
  }

  void rowGroupSkipped() {
    rowGroupsSkipped.incrementAndGet();
  }

  void rowReturned() {
    rowsReturned.incrementAndGet();
  }

  @Override
  public String toString() {
    return "ReadMetrics[rowGroupsRead=" + rowGroupsRead() + ", rowGroupsSkipped=" + rowGroupsSkipped()
        + ", rowsRead=" + rowsRead() + ", rowsReturned=" + rowsReturned() + "]";
  }
}
