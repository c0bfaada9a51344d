package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.UUID;

/**
 * Checks a row before it reaches the Parquet writer, so a bad row is refused whole and the file stays
 * writable. Values must already be canonical (as {@link dev.snaplog.core.GenericRecord#of} makes them): the
 * writer encodes them as they are, and a decimal of another scale or a time finer than microseconds would be
 * stored as a different value than the caller holds.
 */
final class RowValidator {
  private final Schema schema;
  private final String table;
  // Rows of one batch usually share a Schema instance; remembering it skips the field-by-field comparison.
  private Schema lastMatching;
  /** Positions of the required columns, and of the nested ones: all a coerced row is checked at. */
  private final int[] requiredColumns;
  private final int[] nestedColumns;

  RowValidator(Schema schema, String table) {
    this.schema = schema;
    this.table = table;
    List<Field> fields = schema.fields();
    this.requiredColumns = positions(fields, Field::required);
    this.nestedColumns = positions(fields, f -> !f.type().isPrimitive());
  }

  private static int[] positions(List<Field> fields, Predicate<Field> which) {
    return IntStream.range(0, fields.size()).filter(i -> which.test(fields.get(i))).toArray();
  }

  /**
   * @param rowNumber 1-based count of rows offered to the writer, named in the error
   * @throws ValidationException naming the table, the row and the column
   */
  void check(Record record, long rowNumber) {
    if (record == null) {
      throw fail(rowNumber, "is null");
    }
    checkSchema(record.schema(), rowNumber);
    List<Field> fields = schema.fields();
    // checkSchema made sure the row's types are the table's, so values coerced to them are canonical here: only
    // nulls need checking, where a column or a nested field is required
    if (record instanceof GenericRecord g && g.coerced()) {
      for (int i : requiredColumns) {
        if (record.get(i) == null) {
          throw fail(rowNumber, "has null in required column '" + fields.get(i).name() + "'");
        }
      }
      for (int i : nestedColumns) {
        Object v = record.get(i);
        if (v != null) {
          checkRequired(fields.get(i).type(), fields.get(i).name(), v, rowNumber);
        }
      }
      return;
    }
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Object v = record.get(i);
      if (v == null && f.required()) {
        throw fail(rowNumber, "has null in required column '" + f.name() + "'");
      }
      checkValue(f, f.name(), v, rowNumber);
    }
  }

  // The one check a coerced row still needs: coercion leaves nulls where the caller put them.
  private void checkRequired(Type t, String path, Object v, long rowNumber) {
    switch (t.id()) {
      case STRUCT -> {
        Record r = (Record) v;
        for (int i = 0; i < t.fields().size(); i++) {
          nested(t.fields().get(i), path, r.get(i), rowNumber);
        }
      }
      case LIST -> {
        for (Object e : (List<?>) v) {
          nested(t.elementField(), path, e, rowNumber);
        }
      }
      case MAP -> {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          nested(t.keyField(), path, e.getKey(), rowNumber);
          nested(t.valueField(), path, e.getValue(), rowNumber);
        }
      }
      default -> {
        // primitive: nothing inside
      }
    }
  }

  private void nested(Field f, String parent, Object v, long rowNumber) {
    String path = parent + "." + f.name();
    if (v == null) {
      if (f.required()) {
        throw fail(rowNumber, "has null in required field '" + path + "'");
      }
    } else if (!f.type().isPrimitive()) {
      checkRequired(f.type(), path, v, rowNumber);
    }
  }

  private void checkValue(Field f, String path, Object v, long rowNumber) {
    if (v == null) {
      if (f.required()) {
        throw fail(rowNumber, "has null in required field '" + path + "'");
      }
      return;
    }
    String problem = canonicalProblem(f.type(), v);
    if (problem != null) {
      throw fail(rowNumber, "column '" + path + "' (" + f.type() + "): value " + Literals.describe(v) + " "
          + problem);
    }
    Type t = f.type();
    switch (t.id()) {
      case STRUCT -> {
        Record r = (Record) v;
        if (!r.schema().fields().equals(t.fields())) {
          throw fail(rowNumber, "column '" + path + "' holds a record of " + r.schema() + ", expected " + t);
        }
        for (int i = 0; i < t.fields().size(); i++) {
          Field c = t.fields().get(i);
          checkValue(c, path + "." + c.name(), r.get(i), rowNumber);
        }
      }
      case LIST -> {
        for (Object e : (List<?>) v) {
          checkValue(t.elementField(), path + "." + Type.ELEMENT, e, rowNumber);
        }
      }
      case MAP -> {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          checkValue(t.keyField(), path + "." + Type.KEY, e.getKey(), rowNumber);
          checkValue(t.valueField(), path + "." + Type.VALUE, e.getValue(), rowNumber);
        }
      }
      default -> {
        // primitive: checked above
      }
    }
  }

  private void checkSchema(Schema other, long rowNumber) {
    if (other == lastMatching || other == schema) {
      return;
    }
    List<Field> mine = schema.fields();
    List<Field> theirs = other.fields();
    for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
      Field a = i < mine.size() ? mine.get(i) : null;
      Field b = i < theirs.size() ? theirs.get(i) : null;
      if (a == null || b == null || a.id() != b.id() || !a.type().equals(b.type())) {
        throw fail(rowNumber, "does not match the table schema at column " + (i + 1) + ": the row has "
            + describe(b) + ", the table has " + describe(a) + " (table columns: " + schema + ")");
      }
    }
    lastMatching = other;
  }

  private static String describe(Field f) {
    return f == null ? "no column" : "'" + f.name() + "' " + f.type() + " (id " + f.id() + ")";
  }

  /** Why {@code v} is not a canonical value of {@code type}, or null if it is. */
  static String canonicalProblem(Type type, Object v) {
    Class<?> expected = javaClass(type);
    if (!expected.isInstance(v)) {
      return "is a " + v.getClass().getName() + ", expected " + expected.getName();
    }
    String range = Literals.rangeProblem(type, v);
    if (range != null) {
      return range;
    }
    switch (type.id()) {
      case DECIMAL: {
        BigDecimal d = (BigDecimal) v;
        if (d.scale() != type.scale() || d.precision() > type.precision()) {
          return "has precision " + d.precision() + " and scale " + d.scale() + ", expected scale "
              + type.scale() + " and at most " + type.precision() + " digits";
        }
        return null;
      }
      case STRING: {
        int bad = dev.snaplog.core.Limits.unpairedSurrogate((String) v);
        return bad < 0 ? null : "contains an unpaired UTF-16 surrogate at position " + bad + ", which UTF-8"
            + " cannot store (it would be written as '?')";
      }
      case TIME:
        return subMicros(((LocalTime) v).getNano());
      case TIMESTAMP:
        return subMicros(((LocalDateTime) v).getNano());
      case TIMESTAMPTZ:
        return subMicros(((Instant) v).getNano());
      default:
        return null;
    }
  }

  private static String subMicros(int nanos) {
    return nanos % 1000 == 0 ? null : "is finer than microseconds; times are stored at microsecond precision";
  }

  static Class<?> javaClass(Type type) {
    switch (type.id()) {
      case BOOLEAN:
        return Boolean.class;
      case INT:
        return Integer.class;
      case LONG:
        return Long.class;
      case FLOAT:
        return Float.class;
      case DOUBLE:
        return Double.class;
      case DECIMAL:
        return BigDecimal.class;
      case STRING:
        return String.class;
      case BINARY:
        return ByteBuffer.class;
      case DATE:
        return LocalDate.class;
      case TIME:
        return LocalTime.class;
      case TIMESTAMP:
        return LocalDateTime.class;
      case TIMESTAMPTZ:
        return Instant.class;
      case UUID:
        return UUID.class;
      case STRUCT:
        return Record.class;
      case LIST:
        return List.class;
      case MAP:
        return java.util.Map.class;
      default:
        throw new IllegalArgumentException("unknown type " + type);
    }
  }

  private ValidationException fail(long rowNumber, String what) {
    return new ValidationException("Table '" + table + "': row " + rowNumber + " " + what + "; the row was not"
        + " written", table, null);
  }
}
