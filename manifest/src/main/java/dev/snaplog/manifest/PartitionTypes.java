package dev.snaplog.manifest;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.types.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * The types of a table's partition values, by partition field id: each field's transform result on its source
 * column ({@code day(ts)} is a date, {@code bucket[16]} an int). A field kept by a later spec keeps its id and
 * type, so one map serves every spec. Partition values are stored in the log in these types' text form.
 */
final class PartitionTypes {
  private PartitionTypes() {}

  /**
   * Every spec of {@code m}, resolved against its current schema (which keeps every column a spec reads: a
   * schema change may not drop one).
   */
  static Map<Integer, Type> of(TableMetadata m) {
    Map<Integer, Type> out = new HashMap<>();
    for (PartitionSpec spec : m.partitionSpecs()) {
      if (spec.isUnpartitioned()) {
        continue;
      }
      spec.partitionColumns(m.schema()).forEach(f -> out.put(f.id(), f.type()));
    }
    return out;
  }
}
