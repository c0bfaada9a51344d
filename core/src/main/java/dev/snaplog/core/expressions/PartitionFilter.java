package dev.snaplog.core.expressions;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import java.util.Map;

/**
 * Decides from a data file's partition values alone whether it may hold rows a row filter accepts, so that
 * planning skips whole partitions before it looks at column stats. Built once per (filter, spec) pair; immutable
 * and thread-safe.
 */
public final class PartitionFilter {
  private final PartitionSpec spec;
  private final Schema partitionSchema;
  private final Expression projected;

  private PartitionFilter(PartitionSpec spec, Schema partitionSchema, Expression projected) {
    this.spec = spec;
    this.partitionSchema = partitionSchema;
    this.projected = projected;
  }

  /**
   * @param boundRowFilter a row filter bound to {@code schema}
   * @param spec the spec the files to test were written for
   * @param schema the table schema the filter is bound to (it must hold the spec's source columns)
   */
  public static PartitionFilter of(Expression boundRowFilter, PartitionSpec spec, Schema schema) {
    if (spec.isUnpartitioned()) {
      return new PartitionFilter(spec, null, Expressions.alwaysTrue());
    }
    return new PartitionFilter(spec, new Schema(spec.partitionColumns(schema)),
        Projections.inclusive(boundRowFilter, spec, schema));
  }

  /** The projected filter on partition columns. */
  public Expression expression() {
    return projected;
  }

  /**
   * False only if no row of a file with these partition values can pass the row filter.
   *
   * @param partition partition values by partition field id, as {@link dev.snaplog.core.DataFile#partition()}
   */
  public boolean mightContain(Map<Integer, Object> partition) {
    if (projected instanceof Expression.True) {
      return true;
    }
    if (projected instanceof Expression.False) {
      return false;
    }
    Object[] values = new Object[spec.fields().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = partition.get(spec.fields().get(i).fieldId());
    }
    return Evaluators.matches(projected, GenericRecord.wrap(partitionSchema, values));
  }
}
