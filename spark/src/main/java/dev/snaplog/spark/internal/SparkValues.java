package dev.snaplog.spark.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Values between Snaplog's canonical Java classes (see {@link Type}) and Spark's internal row format: UTF8String
 * for strings and uuids, Decimal, days since epoch for dates, microseconds since epoch for timestamps,
 * nanoseconds of the day for times. One converter per schema, built once, then used for every row.
 */
public final class SparkValues {
  private SparkValues() {}

  /** Converts Snaplog records of {@code schema} to Spark rows of the matching Spark schema. */
  public static final class ToSpark {
    private final Type[] types;

    public ToSpark(Schema schema) {
      this.types = schema.fields().stream().map(Field::type).toArray(Type[]::new);
    }

    public InternalRow row(Record record) {
      return row(record, new Object[0]);
    }

    /** The record's values followed by {@code trailing} (already in Spark's form). */
    public InternalRow row(Record record, Object[] trailing) {
      Object[] values = new Object[types.length + trailing.length];
      for (int i = 0; i < types.length; i++) {
        Object v = record.get(i);
        values[i] = v == null ? null : value(types[i], v);
      }
      System.arraycopy(trailing, 0, values, types.length, trailing.length);
      return new GenericInternalRow(values);
    }
  }

  /** Converts Spark rows of a table's Spark schema to Snaplog records of the table's schema. */
  public static final class FromSpark {
    private final Schema schema;
    private final Type[] types;

    public FromSpark(Schema schema) {
      this.schema = schema;
      this.types = schema.fields().stream().map(Field::type).toArray(Type[]::new);
    }

    public Record record(InternalRow row) {
      Object[] values = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        if (!row.isNullAt(i)) {
          values[i] = value(row, i);
        }
      }
      return GenericRecord.wrap(schema, values);
    }

    private Object value(InternalRow row, int pos) {
      Type t = types[pos];
      return switch (t.id()) {
        case BOOLEAN -> row.getBoolean(pos);
        case INT -> row.getInt(pos);
        case LONG -> row.getLong(pos);
        case FLOAT -> row.getFloat(pos);
        case DOUBLE -> row.getDouble(pos);
        case DECIMAL -> row.getDecimal(pos, t.precision(), t.scale()).toJavaBigDecimal()
            .setScale(t.scale(), RoundingMode.UNNECESSARY);
        case STRING -> row.getUTF8String(pos).toString();
        case BINARY -> ByteBuffer.wrap(row.getBinary(pos)).asReadOnlyBuffer();
        case DATE -> LocalDate.ofEpochDay(row.getInt(pos));
        case TIME -> LocalTime.ofNanoOfDay(row.getLong(pos) / 1000 * 1000);
        case TIMESTAMP -> Literals.localDateTimeFromMicros(row.getLong(pos));
        case TIMESTAMPTZ -> Literals.instantFromMicros(row.getLong(pos));
        case UUID -> uuid(row.getUTF8String(pos).toString(), schema.fields().get(pos).name());
        case STRUCT, LIST, MAP -> throw SparkSchemas.nestedUnsupported(t);
      };
    }
  }

  /** A canonical Snaplog value in Spark's internal form. */
  static Object value(Type type, Object v) {
    return switch (type.id()) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE -> v;
      case DECIMAL -> Decimal.apply((BigDecimal) v, type.precision(), type.scale());
      case STRING -> UTF8String.fromString((String) v);
      case UUID -> UTF8String.fromString(v.toString());
      case BINARY -> bytes((ByteBuffer) v);
      case DATE -> (int) ((LocalDate) v).toEpochDay();
      case TIME -> ((LocalTime) v).toNanoOfDay();
      case TIMESTAMP -> Literals.micros((LocalDateTime) v);
      case TIMESTAMPTZ -> Literals.micros((Instant) v);
      case STRUCT, LIST, MAP -> throw SparkSchemas.nestedUnsupported(type);
    };
  }

  /** The bytes a buffer holds, copied. */
  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static UUID uuid(String text, String column) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Column '" + column + "' is a uuid column; '" + text + "' is not a uuid"
          + " (expected 8-4-4-4-12 hex digits)");
    }
  }
}
