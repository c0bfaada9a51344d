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
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
  /** One value per row for a one-column key (hashing a boxed value, not a list of one), else a list. */
  private final Set<Object> keys = new HashSet<>();
  /** Above this span of integer keys, {@link #integralMatcher()} searches instead of keeping a bit set (8 MB). */
  private static final long MAX_BITSET_RANGE = 1L << 26;
  private LongPredicate integral;
  private boolean integralDecided;
  private Schema prunedFor;
  private Expression pruneFilter;

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
    Object key = keyOf(row);
    if (key == null) { // the row is described only when refused: building its text costs more than the check
      throw new ValidationException(String.format("Upsert into table %s: a new row has a null key column (%s);"
          + " every row needs a value in %s. Nothing was committed", table, describe(row), columns));
    }
    if (!keys.add(key)) {
      throw new ValidationException(String.format("Upsert into table %s: key %s appears more than once in this"
          + " batch; one upsert takes one row per key (keep the last change of each key). Nothing was committed",
          table, describe(row)));
    }
  }

  /** Whether an existing row has one of the batch's keys (a row with a null key column never does). */
  boolean matches(Record row) {
    Object key = keyOf(row);
    return key != null && keys.contains(key);
  }

  /** Whether an existing row whose one key column holds {@code value} has one of the batch's keys. */
  boolean matchesValue(Object value) {
    if (columns.size() != 1) {
      throw new IllegalStateException("a key of " + columns.size() + " columns is matched on rows, not values");
    }
    return value != null && keys.contains(normalized(value));
  }

  /**
   * For a one-column key of integers (int or long), whether a row's key value matches, tested on the primitive:
   * a bit set over the keys' range when it spans at most {@value #MAX_BITSET_RANGE} values, else a binary
   * search of the sorted keys. Null for other keys. Built once; safe to call from several threads after that.
   */
  synchronized LongPredicate integralMatcher() {
    if (integralDecided) { // asked once per row group of every file read: decide once
      return integral;
    }
    integralDecided = true;
    if (columns.size() == 1 && !keys.isEmpty()
        && keys.stream().allMatch(k -> k instanceof Integer || k instanceof Long)) {
      long[] sorted = keys.stream().mapToLong(k -> ((Number) k).longValue()).sorted().toArray();
      long min = sorted[0];
      long max = sorted[sorted.length - 1];
      if (max - min < MAX_BITSET_RANGE) {
        BitSet bits = new BitSet((int) (max - min + 1));
        for (long k : sorted) {
          bits.set((int) (k - min));
        }
        integral = v -> v >= min && v <= max && bits.get((int) (v - min));
      } else {
        integral = v -> Arrays.binarySearch(sorted, v) >= 0;
      }
    }
    return integral;
  }

  List<String> columns() {
    return columns;
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  int size() {
    return keys.size();
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
