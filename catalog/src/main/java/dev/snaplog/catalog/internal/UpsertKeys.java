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
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongPredicate;
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
  /** The keys of a one-column int or long key, as primitives; null for other keys, which {@link #keys} holds. */
  private final IntegralKeys integral;
  /** One value per row for a one-column key (hashing a boxed value, not a list of one), else a list. */
  private final Set<Object> keys = new HashSet<>();
  private Schema prunedFor;
  private Expression pruneFilter;

  private UpsertKeys(List<String> columns, boolean integral) {
    this.columns = columns;
    this.integral = integral ? new IntegralKeys() : null;
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

  /** An empty batch keyed on {@code columns} (already checked against {@code schema}). */
  static UpsertKeys on(Schema schema, List<String> columns) {
    TypeId type = schema.field(columns.get(0)).type().id();
    return new UpsertKeys(columns, columns.size() == 1 && (type == TypeId.INT || type == TypeId.LONG));
  }

  /**
   * Adds the key of a new row. A key added twice is refused here or by {@link #checkUnique}, which the batch
   * must pass before it is used.
   *
   * @throws ValidationException if a key column is null or the key is already in the batch
   */
  void add(TableId table, Record row) {
    Object key = keyOf(row);
    if (key == null) { // the row is described only when refused: building its text costs more than the check
      throw new ValidationException(String.format("Upsert into table %s: a new row has a null key column (%s);"
          + " every row needs a value in %s. Nothing was committed", table, describe(row), columns));
    }
    if (integral != null) {
      integral.add((Number) key);
    } else if (!keys.add(key)) {
      throw duplicate(table, describe(row));
    }
  }

  /**
   * Checks that no key was added twice (integer keys are compared once all are in, after sorting them).
   *
   * @throws ValidationException naming a key added more than once
   */
  void checkUnique(TableId table) {
    if (integral != null) {
      OptionalLong twice = integral.sort();
      if (twice.isPresent()) {
        throw duplicate(table, "(" + columns.get(0) + "=" + twice.getAsLong() + ")");
      }
    }
  }

  private static ValidationException duplicate(TableId table, String key) {
    return new ValidationException(String.format("Upsert into table %s: key %s appears more than once in this"
        + " batch; one upsert takes one row per key (keep the last change of each key). Nothing was committed",
        table, key));
  }

  /** Whether an existing row has one of the batch's keys (a row with a null key column never does). */
  boolean matches(Record row) {
    Object key = keyOf(row);
    return key != null && (integral != null ? integral.matcher().test(((Number) key).longValue())
        : keys.contains(key));
  }

  /** Whether an existing row whose one key column holds {@code value} has one of the batch's keys. */
  boolean matchesValue(Object value) {
    if (columns.size() != 1) {
      throw new IllegalStateException("a key of " + columns.size() + " columns is matched on rows, not values");
    }
    if (value == null) {
      return false;
    }
    return integral != null ? integral.matcher().test(((Number) value).longValue())
        : keys.contains(normalized(value));
  }

  /**
   * For a one-column key of integers (int or long), whether a row's key value matches, tested on the primitive
   * ({@link IntegralKeys#matcher()}). Null for other keys. Safe to call from several threads.
   */
  LongPredicate integralMatcher() {
    return integral == null || integral.size() == 0 ? null : integral.matcher();
  }

  List<String> columns() {
    return columns;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  int size() {
    return integral != null ? integral.size() : keys.size();
  }

  /**
   * A filter every older row with one of these keys passes: files whose stats rule it out need no read. Built
   * once per schema: a commit asks for it on every attempt and for its conflict check.
   */
  Expression pruneFilter(Schema schema) {
    if (schema != prunedFor) {
      pruneFilter = buildPruneFilter(schema);
      prunedFor = schema;
    }
    return pruneFilter;
  }

  private Expression buildPruneFilter(Schema schema) {
    if (integral != null) {
      String column = columns.get(0);
      return integral.size() <= MAX_IN_VALUES ? Expressions.in(column, integral.boxedAll())
          : Expressions.and(Expressions.greaterThanOrEqual(column, integral.boxed(integral.min())),
              Expressions.lessThanOrEqual(column, integral.boxed(integral.max())));
    }
    Expression out = Expressions.alwaysTrue();
    for (int i = 0; i < columns.size(); i++) {
      int at = i;
      Set<Object> values = columns.size() == 1 ? keys
          : keys.stream().map(k -> ((List<?>) k).get(at)).collect(Collectors.toSet());
      String column = columns.get(i);
      Expression e;
      if (values.size() <= MAX_IN_VALUES) {
        e = Expressions.in(column, values);
      } else {
        Comparator<Object> cmp = Comparators.forType(schema.field(column).type());
        Object min = null;
        Object max = null;
        for (Object v : values) { // one pass over the keys for both ends: a batch may hold millions
          if (min == null || cmp.compare(v, min) < 0) {
            min = v;
          }
          if (max == null || cmp.compare(v, max) > 0) {
            max = v;
          }
        }
        e = Expressions.and(Expressions.greaterThanOrEqual(column, min), Expressions.lessThanOrEqual(column, max));
      }
      out = Expressions.and(out, e);
    }
    return out;
  }

  /** The row's key: its value for a one-column key, else the list of values; null if a key column is null. */
  private Object keyOf(Record row) {
    if (columns.size() == 1) {
      return normalized(row.get(columns.get(0)));
    }
    List<Object> key = new ArrayList<>(columns.size());
    for (String c : columns) {
      Object v = normalized(row.get(c));
      if (v == null) {
        return null;
      }
      key.add(v);
    }
    return key;
  }

  private static Object normalized(Object value) {
    return value instanceof BigDecimal d ? d.stripTrailingZeros() : value; // 1.50 and 1.5 are one key
  }

  private String describe(Record row) {
    return columns.stream().map(c -> c + "=" + row.get(c)).collect(Collectors.joining(", ", "(", ")"));
  }
}
