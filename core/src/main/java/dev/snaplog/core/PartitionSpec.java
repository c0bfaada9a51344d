package dev.snaplog.core;

import java.util.List;

/**
 * How a table's rows are split into partitions: identity fields of source columns. Tables are unpartitioned
 * today ({@link #UNPARTITIONED}); the log already records each file's spec id and partition values so that
 * partitioning can be added without another format change.
 *
 * @param specId the id data file entries name
 * @param fields the partition fields, in order
 */
public record PartitionSpec(int specId, List<Field> fields) {
  /** One partition field: the value of source column {@code sourceId}, as is ({@code identity}). */
  public record Field(int sourceId, int fieldId, String name, String transform) {}

  public static final PartitionSpec UNPARTITIONED = new PartitionSpec(0, List.of());

  public PartitionSpec {
    fields = List.copyOf(fields);
  }

  public boolean isUnpartitioned() {
    return fields.isEmpty();
  }
}
