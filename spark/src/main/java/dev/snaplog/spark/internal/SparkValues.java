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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecializedGetters;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
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
          values[i] = value(types[i], row, i, schema.fields().get(i).name());
        }
      }
      return GenericRecord.wrap(schema, values);
    }

    /** The canonical value at {@code pos} of a row or array, which is not null; {@code column} names it in errors. */
    private static Object value(Type t, SpecializedGetters in, int pos, String column) {
      return switch (t.id()) {
        case BOOLEAN -> in.getBoolean(pos);
        case INT -> in.getInt(pos);
        case LONG -> in.getLong(pos);
        case FLOAT -> in.getFloat(pos);
        case DOUBLE -> in.getDouble(pos);
        case DECIMAL -> in.getDecimal(pos, t.precision(), t.scale()).toJavaBigDecimal()
            .setScale(t.scale(), RoundingMode.UNNECESSARY);
        case STRING -> in.getUTF8String(pos).toString();
        case BINARY -> ByteBuffer.wrap(in.getBinary(pos)).asReadOnlyBuffer();
        case DATE -> LocalDate.ofEpochDay(in.getInt(pos));
        case TIME -> LocalTime.ofNanoOfDay(in.getLong(pos) / 1000 * 1000);
        case TIMESTAMP -> Literals.localDateTimeFromMicros(in.getLong(pos));
        case TIMESTAMPTZ -> Literals.instantFromMicros(in.getLong(pos));
        case UUID -> uuid(in.getUTF8String(pos).toString(), column);
        case STRUCT -> {
          List<Field> fields = t.fields();
          InternalRow struct = in.getStruct(pos, fields.size());
          Object[] values = new Object[fields.size()];
          for (int i = 0; i < values.length; i++) {
            if (!struct.isNullAt(i)) {
              values[i] = value(fields.get(i).type(), struct, i, column + "." + fields.get(i).name());
            }
          }
          yield GenericRecord.wrap(t.asSchema(), values);
        }
        case LIST -> Collections.unmodifiableList(values(t.elementField().type(), in.getArray(pos), column));
        case MAP -> {
          MapData map = in.getMap(pos);
          List<Object> keys = values(t.keyField().type(), map.keyArray(), column);
          List<Object> items = values(t.valueField().type(), map.valueArray(), column);
          Map<Object, Object> out = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), items.get(i));
          }
          yield Collections.unmodifiableMap(out);
        }
      };
    }

    private static List<Object> values(Type element, ArrayData array, String column) {
      List<Object> out = new ArrayList<>(array.numElements());
      for (int i = 0; i < array.numElements(); i++) {
        out.add(array.isNullAt(i) ? null : value(element, array, i, column));
      }
      return out;
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
      case STRUCT -> {
        Record r = (Record) v;
        List<Field> fields = type.fields();
        Object[] out = new Object[fields.size()];
        for (int i = 0; i < out.length; i++) {
          Object f = r.get(i);
          out[i] = f == null ? null : value(fields.get(i).type(), f);
        }
        yield new GenericInternalRow(out);
      }
      case LIST -> new GenericArrayData(sparkValues(type.elementField().type(), (List<?>) v));
      case MAP -> {
        Map<?, ?> map = (Map<?, ?>) v;
        yield new ArrayBasedMapData(
            new GenericArrayData(sparkValues(type.keyField().type(), new ArrayList<>(map.keySet()))),
            new GenericArrayData(sparkValues(type.valueField().type(), new ArrayList<>(map.values()))));
      }
    };
  }

  private static Object[] sparkValues(Type element, List<?> values) {
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      Object e = values.get(i);
      out[i] = e == null ? null : value(element, e);
    }
    return out;
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
