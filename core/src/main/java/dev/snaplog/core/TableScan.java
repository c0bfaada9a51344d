package dev.snaplog.core;

import dev.snaplog.core.expressions.Expression;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A read of the table at one snapshot. Immutable and thread-safe: each refinement returns a new scan.
 */
public interface TableScan {
  /** Reads the snapshot with this id. */
  TableScan useSnapshot(long snapshotId);

  /**
   * Reads the snapshot a tag names.
   *
   * @throws dev.snaplog.core.exceptions.NoSuchSnapshotException if there is no such tag
   */
  TableScan useTag(String tag);

  /**
   * Reads the head of a branch ({@code "main"} is the current snapshot).
   *
   * @throws dev.snaplog.core.exceptions.NoSuchSnapshotException if there is no such branch
   */
  TableScan useBranch(String branch);

  /** Reads the snapshot that was current at {@code time}. */
  TableScan asOfTime(Instant time);

  /** Keeps only rows that pass {@code filter}; combined with earlier filters by and. */
  TableScan filter(Expression filter);

  /** Returns only these columns, in this order. */
  TableScan select(List<String> columns);

  default TableScan select(String... columns) {
    return select(List.of(columns));
  }

  /** The snapshot this scan reads; empty for a table with no snapshot yet. */
  Optional<Snapshot> snapshot();

  /**
   * The id of the snapshot this scan reads; empty for a table with no snapshot yet. Unlike {@link #snapshot()}
   * it needs no more than time travel already found, so on a loaded table it is answered from memory.
   */
  default Optional<Long> snapshotId() {
    return snapshot().map(Snapshot::snapshotId);
  }

  /** The schema of the rows returned (after select). */
  Schema schema();

  /** The data files that may hold matching rows; files whose stats rule out the filter are skipped. */
  CloseableIterable<FileScanTask> planFiles();

  /** The matching rows, projected to {@link #schema()}. */
  CloseableIterable<Record> records();
}
