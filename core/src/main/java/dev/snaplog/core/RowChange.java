package dev.snaplog.core;

import java.util.Objects;

/**
 * One row inserted or deleted by one snapshot, as a {@link ChangelogScan} reports it.
 *
 * @param kind whether the row was inserted or deleted
 * @param snapshotId the snapshot whose commit made the change
 * @param row the row's values, under the schema of the scan's end snapshot
 */
public record RowChange(ChangeKind kind, long snapshotId, Record row) {
  public RowChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(row, "row");
  }
}
