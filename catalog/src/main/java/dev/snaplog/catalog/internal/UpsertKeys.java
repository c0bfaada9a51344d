package dev.snaplog.catalog.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.TypeId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys of one upsert batch: each new row's key columns, checked to be present and unique, with the
 * pruning filter that finds the files which may hold older rows of the same keys.
 */
final class UpsertKeys {
  /** Key types compared by exact equality of their values; float and binary keys are refused. */
  private static final Set<TypeId> KEY_TYPES = Set.of(TypeId.BOOLEAN, TypeId.INT, TypeId.LONG, TypeId.DECIMAL,
      TypeId.STRING, TypeId.DATE, TypeId.TIME, TypeId.TIMESTAMP, TypeId.TIMESTAMPTZ, TypeId.UUID);
  /** Up to this many distinct values a key column prunes with {@code in}; above it with its range. */
  private static final int MAX_IN_VALUES = 1_000;

  private final List<String> columns;
  private final Set<List<Object>> keys = new HashSet<>();

  private UpsertKeys(List<String> columns) {
    this.columns = columns;
  }

  /**
   * Checks that {@code columns} can be the key of a table with {@code schema}.
   *
   * @throws ValidationException naming the column that cannot
   */
  static List<String> checkColumns(TableId table, Schema schema, List<String> columns) {
    ValidationException.check(!columns.isEmpty(), "Upsert into table %s needs a key: name the columns rows are"
        + " matched on, e.g. key(\"id\")", table);
    ValidationException.check(new HashSet<>(columns).size() == columns.size(),
        "Upsert into table %s: key %s names a column twice", table, columns);
    for (String c : columns) {
      Field f = schema.findField(c).orElseThrow(() -> new ValidationException("Upsert into table " + table
          + ": key column '" + c + "' is not in the schema; the columns are " + schema.columnNames()));
      ValidationException.check(KEY_TYPES.contains(f.type().id()), "Upsert into table %s: key column '%s' has type"
          + " %s, which cannot be a key (values must compare exactly: not float, double or binary)", table, c,
          f.type());
    }
    return List.copyOf(columns);
  }

  /** An empty batch keyed on {@code columns} (already checked). */
  static UpsertKeys on(List<String> columns) {
    return new UpsertKeys(columns);
  }

  /**
   * Adds the key of a new row.
   *
   * @throws ValidationException if a key column is null or the key is already in the batch
   */
  void add(TableId table, Record row) {
    List<Object> key = keyOf(row);
    ValidationException.check(key != null, "Upsert into table %s: a new row has a null key column (%s); every"
        + " row needs a value in %s. Nothing was committed", table, describe(row), columns);
    ValidationException.check(keys.add(key), "Upsert into table %s: key %s appears more than once in this batch;"
        + " one upsert takes one row per key (keep the last change of each key). Nothing was committed", table,
        describe(row));
  }

  /** Whether an existing row has one of the batch's keys (a row with a null key column never does). */
  boolean matches(Record row) {
    List<Object> key = keyOf(row);
    return key != null && keys.contains(key);
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  int size() {
    return keys.size();
  }

  /** A filter every older row with one of these keys passes: files whose stats rule it out need no read. */
  Expression pruneFilter(Schema schema) {
    Expression out = Expressions.alwaysTrue();
    for (int i = 0; i < columns.size(); i++) {
      int at = i;
      Set<Object> values = keys.stream().map(k -> k.get(at)).collect(Collectors.toSet());
      String column = columns.get(i);
      Expression e;
      if (values.size() <= MAX_IN_VALUES) {
        e = Expressions.in(column, values);
      } else {
        Comparator<Object> cmp = Comparators.forType(schema.field(column).type());
        e = Expressions.and(Expressions.greaterThanOrEqual(column, values.stream().min(cmp).orElseThrow()),
            Expressions.lessThanOrEqual(column, values.stream().max(cmp).orElseThrow()));
      }
      out = Expressions.and(out, e);
    }
    return out;
  }

  private List<Object> keyOf(Record row) {
    List<Object> key = new ArrayList<>(columns.size());
    for (String c : columns) {
      Object v = row.get(c);
      if (v == null) {
        return null;
      }
      key.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v); // 1.50 and 1.5 are one key
    }
    return key;
  }

  private String describe(Record row) {
    return columns.stream().map(c -> c + "=" + row.get(c)).collect(Collectors.joining(", ", "(", ")"));
  }
}
