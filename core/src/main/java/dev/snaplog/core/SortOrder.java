package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.sort.SortOrderComparator;
import dev.snaplog.core.sort.SortOrderParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How writers order rows within each data file: by a list of columns, each ascending or descending, with nulls
 * first or last. Sorting clusters equal and nearby values, so each file's min/max stats cover a narrow range
 * and a filter on a sort column skips more files. Columns are named by field id, so a rename keeps the order.
 *
 * <p>Order id 0 is reserved for {@link #UNSORTED}; sorted orders count up from 1, and a table keeps every
 * order it has had, as it keeps its partition specs.
 *
 * @param orderId the id table metadata names the order by
 * @param fields the sort columns, most significant first
 */
public record SortOrder(int orderId, List<Field> fields) {
  /** Whether larger values come later ({@code ASC}) or earlier ({@code DESC}). */
  public enum Direction { ASC, DESC }

  /** Where null values go, whatever the direction. */
  public enum NullOrder { NULLS_FIRST, NULLS_LAST }

  /**
   * One sort column.
   *
   * @param sourceId the field id of the column sorted by (a top-level column or a field of a struct)
   */
  public record Field(int sourceId, Direction direction, NullOrder nullOrder) {
    public Field {
      Objects.requireNonNull(direction, "direction");
      Objects.requireNonNull(nullOrder, "nullOrder");
    }

    /** The null order a direction has when none is given: nulls sort as the smallest value. */
    public static NullOrder defaultNullOrder(Direction direction) {
      return direction == Direction.ASC ? NullOrder.NULLS_FIRST : NullOrder.NULLS_LAST;
    }
  }

  public static final SortOrder UNSORTED = new SortOrder(0, List.of());

  public SortOrder {
    fields = List.copyOf(fields);
    ValidationException.check(orderId >= 0, "sort order id must not be negative, got %d", orderId);
    ValidationException.check(fields.isEmpty() == (orderId == 0), "sort order id 0 is the unsorted order and"
        + " only it has no fields; got id %d with %d fields", orderId, fields.size());
    Set<Integer> seen = new HashSet<>();
    for (Field f : fields) {
      ValidationException.check(seen.add(f.sourceId()), "sort order %d sorts by column id %d twice", orderId,
          f.sourceId());
    }
  }

  /**
   * Parses a sort order such as {@code "ts desc, id"} or {@code "category asc nulls last"} for a table whose
   * first sorted order this is (order id 1; an empty text is {@link #UNSORTED}).
   *
   * @throws ValidationException naming an unknown column, a column that cannot be sorted by (a struct, list or
   *     map, or a field inside a list or map) or a malformed term, and what to write instead
   */
  public static SortOrder parse(String text, Schema schema) {
    return SortOrderParser.parse(text, schema, 1);
  }

  public boolean isUnsorted() {
    return fields.isEmpty();
  }

  /** The ids of the columns this order reads. */
  public Set<Integer> sourceIds() {
    Set<Integer> out = new HashSet<>();
    fields.forEach(f -> out.add(f.sourceId()));
    return out;
  }

  /**
   * Checks that every sort column is in {@code schema} and can be sorted by; a schema change that breaks the
   * table's sort order is refused with this.
   *
   * @throws ValidationException naming the sort column
   */
  public void checkCompatible(Schema schema) {
    for (Field f : fields) {
      String name = schema.findName(f.sourceId()).orElseThrow(() -> new ValidationException("Sort order "
          + orderId + " sorts by column id " + f.sourceId() + ", which the schema does not have; change the sort"
          + " order first"));
      SortOrderParser.sortableColumn(schema, name, "Sort order " + orderId);
    }
  }

  /**
   * Orders rows of {@code schema} by this order, comparing values as file stats do
   * ({@link dev.snaplog.core.types.Comparators}).
   *
   * @throws ValidationException if a sort column is not in {@code schema}
   */
  public Comparator<Record> comparator(Schema schema) {
    return SortOrderComparator.of(this, schema);
  }

  /** Same columns, directions and null orders; the order id aside. */
  public boolean sameFields(SortOrder other) {
    return fields.equals(other.fields);
  }

  /**
   * This order in the form {@link #parse} reads ({@code "ts desc, id"}), with columns named as in
   * {@code schema}; null orders are written only where they differ from the direction's default. {@code ""}
   * when unsorted.
   */
  public String toText(Schema schema) {
    List<String> parts = new ArrayList<>();
    for (Field f : fields) {
      StringBuilder sb = new StringBuilder(schema.findName(f.sourceId()).orElse("#" + f.sourceId()));
      boolean defaultNulls = f.nullOrder() == Field.defaultNullOrder(f.direction());
      if (f.direction() == Direction.DESC) {
        sb.append(" desc");
      } else if (!defaultNulls) {
        sb.append(" asc");
      }
      if (!defaultNulls) {
        sb.append(f.nullOrder() == NullOrder.NULLS_FIRST ? " nulls first" : " nulls last");
      }
      parts.add(sb.toString());
    }
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return fields.isEmpty() ? "unsorted" : String.join(", ", fields.stream()
        .map(f -> f.sourceId() + " " + f.direction() + " " + f.nullOrder()).toList());
  }
}
