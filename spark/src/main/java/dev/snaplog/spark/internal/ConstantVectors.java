package dev.snaplog.spark.internal;

import dev.snaplog.core.types.Type;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/** Column vectors that hold one value in every row: a column a data file lacks reads as its default or null. */
final class ConstantVectors {
  private ConstantVectors() {}

  /**
   * A vector of {@code capacity} rows of {@code value}.
   *
   * @param value a canonical Snaplog value of {@code type} (see {@link Type}), or null
   */
  static ConstantColumnVector of(Type type, Object value, int capacity) {
    ConstantColumnVector v = new ConstantColumnVector(capacity, SparkSchemas.toSpark(type));
    if (value == null) {
      v.setNull();
      return v;
    }
    Object spark = SparkValues.value(type, value);
    switch (type.id()) {
      case BOOLEAN -> v.setBoolean((Boolean) spark);
      case INT, DATE -> v.setInt((Integer) spark);
      case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> v.setLong((Long) spark);
      case FLOAT -> v.setFloat((Float) spark);
      case DOUBLE -> v.setDouble((Double) spark);
      case DECIMAL -> v.setDecimal((Decimal) spark, type.precision());
      case STRING, UUID -> v.setUtf8String((UTF8String) spark);
      case BINARY -> v.setBinary((byte[]) spark);
      // scans with a nested column are read a row at a time (ColumnDecoder.supports), never in batches
      case STRUCT, LIST, MAP -> throw new IllegalArgumentException("no constant vector for " + type);
    }
    return v;
  }
}
