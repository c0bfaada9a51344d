package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable row. {@link #of} coerces each value to its column's canonical Java class (an Integer for a long
 * column becomes a Long), so rows built by hand compare equal to rows read back from a data file.
 * Whether required columns hold values is checked when the row is written, where the table is known.
 */
public final class GenericRecord implements Record {
  private final Schema schema;
  private final Object[] values;
  private final boolean coerced;

  private GenericRecord(Schema schema, Object[] values, boolean coerced) {
    this.schema = schema;
    this.values = values;
    this.coerced = coerced;
  }

  /**
   * A row of {@code values} in column order.
   *
   * @throws ValidationException if the count differs from the schema or a value cannot be a value of its
   *     column's type
   */
  public static GenericRecord of(Schema schema, Object... values) {
    if (values.length != schema.size()) {
      throw new ValidationException("Row has " + values.length + " values but the schema has " + schema.size()
          + " columns " + schema.columnNames());
    }
    Object[] coerced = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      Field f = schema.fields().get(i);
      try {
        coerced[i] = Literals.coerce(f.type(), values[i]);
      } catch (ValidationException e) {
        throw new ValidationException("Column '" + f.name() + "': " + e.getMessage());
      }
    }
    return new GenericRecord(schema, coerced, true);
  }

  /** A row from column name to value; absent columns are null. Unknown names are an error. */
  public static GenericRecord fromMap(Schema schema, Map<String, ?> byName) {
    for (String name : byName.keySet()) {
      schema.field(name);
    }
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = byName.get(schema.fields().get(i).name());
    }
    return of(schema, values);
  }

  /** Wraps values already in canonical form, as readers produce them; no coercion. */
  public static GenericRecord wrap(Schema schema, Object[] canonicalValues) {
    return new GenericRecord(schema, canonicalValues, false);
  }

  /**
   * Whether this row was built by {@link #of} or {@link #fromMap}, which coerced and checked every value
   * (nested ones included) against the types of {@link #schema()}. A data writer whose schema has the same
   * types then skips re-checking the values and only checks that required columns hold one. Rows from
   * {@link #wrap} answer false: their values were never checked.
   */
  public boolean coerced() {
    return coerced;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Object get(int position) {
    return values[position];
  }

  public List<Object> values() {
    return java.util.Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenericRecord r && r.schema.fields().equals(schema.fields())
        && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema.fields(), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(schema.fields().get(i).name()).append('=').append(Literals.describe(values[i]));
    }
    return sb.append('}').toString();
  }
}
