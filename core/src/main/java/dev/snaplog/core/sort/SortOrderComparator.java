package dev.snaplog.core.sort;

import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Comparators;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Orders rows by a sort order. Values compare as file stats and filters compare them
 * ({@link Comparators#forType}), so a file sorted by a column has min/max bounds that are its first and last
 * rows' values. Nulls go first or last by the field's null order whatever its direction.
 */
public final class SortOrderComparator {
  private SortOrderComparator() {}

  /**
   * The comparator of rows of {@code schema} by {@code order}; for the unsorted order every row compares equal.
   *
   * @throws ValidationException if a sort column is not in {@code schema} or cannot be sorted by
   */
  public static Comparator<Record> of(SortOrder order, Schema schema) {
    Comparator<Record> out = (a, b) -> 0;
    for (SortOrder.Field f : order.fields()) {
      out = out.thenComparing(field(f, schema));
    }
    return out;
  }

  private static Comparator<Record> field(SortOrder.Field f, Schema schema) {
    String name = schema.findName(f.sourceId()).orElseThrow(() -> new ValidationException("Cannot sort rows of"
        + " schema " + schema + ": it has no column with id " + f.sourceId()));
    Field column = SortOrderParser.sortableColumn(schema, name, "Cannot sort rows by '" + name + "'");
    Comparator<Object> values = Comparators.forType(column.type());
    Comparator<Object> directed = f.direction() == SortOrder.Direction.ASC ? values : values.reversed();
    Comparator<Object> withNulls = f.nullOrder() == SortOrder.NullOrder.NULLS_FIRST
        ? Comparator.nullsFirst(directed) : Comparator.nullsLast(directed);
    Function<Record, Object> get = schema.accessor(column.id());
    return (a, b) -> withNulls.compare(get.apply(a), get.apply(b));
  }
}
