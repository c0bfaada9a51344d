package dev.snaplog.spark.internal;

import dev.snaplog.core.PartitionSpec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition spec as tasks carry it: its id and each field's source column id, partition field id, name and
 * transform in stored form ({@code bucket[16]}), so an executor routes rows exactly as the driver's spec says and
 * its files name that spec.
 */
final class SpecDescription implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int specId;
  private final int[] sourceIds;
  private final int[] fieldIds;
  private final String[] names;
  private final String[] transforms;
  private transient PartitionSpec spec;

  private SpecDescription(PartitionSpec spec) {
    this.specId = spec.specId();
    int n = spec.fields().size();
    this.sourceIds = new int[n];
    this.fieldIds = new int[n];
    this.names = new String[n];
    this.transforms = new String[n];
    for (int i = 0; i < n; i++) {
      PartitionSpec.Field f = spec.fields().get(i);
      sourceIds[i] = f.sourceId();
      fieldIds[i] = f.fieldId();
      names[i] = f.name();
      transforms[i] = f.transform().toString();
    }
    this.spec = spec;
  }

  static SpecDescription of(PartitionSpec spec) {
    return new SpecDescription(spec);
  }

  PartitionSpec spec() {
    if (spec == null) {
      List<PartitionSpec.Field> fields = new ArrayList<>(sourceIds.length);
      for (int i = 0; i < sourceIds.length; i++) {
        fields.add(new PartitionSpec.Field(sourceIds[i], fieldIds[i], names[i], transforms[i]));
      }
      spec = new PartitionSpec(specId, fields);
    }
    return spec;
  }
}
