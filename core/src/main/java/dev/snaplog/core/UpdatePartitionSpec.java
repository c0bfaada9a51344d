package dev.snaplog.core;

/**
 * A change to how new data is partitioned. Files already written keep the spec they were written for, and
 * planning reads each file under its own spec; only data written after the commit uses the new one.
 *
 * <p>Operations are checked at once and throw {@link dev.snaplog.core.exceptions.ValidationException}
 * naming the problem; nothing is committed until {@link #commit()}.
 */
public interface UpdatePartitionSpec extends PendingUpdate<PartitionSpec> {
  /**
   * Adds a partition field written as in {@link PartitionSpec#parse}: {@code day(ts)}, {@code bucket(16, id)},
   * {@code truncate(4, name)} or a bare column for identity.
   */
  UpdatePartitionSpec addField(String field);

  /** Removes the partition field with this name ({@code ts_day}). */
  UpdatePartitionSpec removeField(String name);

  /**
   * Makes the spec the one written in {@code spec} ({@code "day(ts), bucket(16, id)"}; blank or {@code "none"}:
   * unpartitioned): fields the table already has (same column and transform) stay, with their ids, the others
   * are removed, and the new ones added in the order written.
   */
  UpdatePartitionSpec partitionBy(String spec);
}
