package dev.snaplog.core.sort;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.TypeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads sort orders as users write them: comma-separated terms {@code column [asc|desc] [nulls first|nulls
 * last]}, as in {@code "ts desc, id"} or {@code "category asc nulls last"}. Keywords are case-insensitive; a
 * term without a direction is ascending, and without a null order puts nulls where the smallest value goes
 * (first ascending, last descending). Column names may be dotted paths into structs ({@code device.region}).
 */
public final class SortOrderParser {
  private static final String USAGE = "write terms such as 'ts desc, id' or 'category asc nulls last'";

  private SortOrderParser() {}

  /**
   * Parses {@code text} against {@code schema}; blank text is the unsorted order.
   *
   * @param orderId the id of the new order (ignored for blank text, which is order 0)
   * @throws ValidationException for an unknown or unsortable column, a column given twice or a malformed term
   */
  public static SortOrder parse(String text, Schema schema, int orderId) {
    if (text.isBlank()) {
      return SortOrder.UNSORTED;
    }
    List<SortOrder.Field> fields = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String term = part.trim();
      if (term.isEmpty()) {
        throw new ValidationException("Empty sort column in '" + text + "'; " + USAGE);
      }
      SortOrder.Field f = term(term, schema);
      checkNotRepeated(term, f, fields);
      fields.add(f);
    }
    return new SortOrder(orderId, fields);
  }

  private static SortOrder.Field term(String term, Schema schema) {
    String[] words = term.split("\\s+");
    String column = words[0];
    int i = 1;
    SortOrder.Direction direction = SortOrder.Direction.ASC;
    if (i < words.length && (is(words[i], "asc") || is(words[i], "desc"))) {
      direction = is(words[i], "asc") ? SortOrder.Direction.ASC : SortOrder.Direction.DESC;
      i++;
    }
    SortOrder.NullOrder nulls = SortOrder.Field.defaultNullOrder(direction);
    if (i < words.length && is(words[i], "nulls")) {
      if (i + 1 >= words.length || !is(words[i + 1], "first") && !is(words[i + 1], "last")) {
        throw new ValidationException("Sort term '" + term + "' has 'nulls' without 'first' or 'last'; " + USAGE);
      }
      nulls = is(words[i + 1], "first") ? SortOrder.NullOrder.NULLS_FIRST : SortOrder.NullOrder.NULLS_LAST;
      i += 2;
    }
    if (i < words.length) {
      throw new ValidationException("Sort term '" + term + "' has '" + words[i] + "' where asc, desc, nulls first"
          + " or nulls last was expected; " + USAGE);
    }
    Field source = sortableColumn(schema, column, "Cannot sort by '" + term + "'");
    return new SortOrder.Field(source.id(), direction, nulls);
  }

  /** Refuses a field whose column {@code earlier} already sorts by: the second mention could never matter. */
  public static void checkNotRepeated(String term, SortOrder.Field added, List<SortOrder.Field> earlier) {
    if (earlier.stream().anyMatch(e -> e.sourceId() == added.sourceId())) {
      throw new ValidationException("Cannot sort by '" + term + "': the order already sorts by that column; name"
          + " each column once");
    }
  }

  /**
   * The column {@code name} of {@code schema}, if rows can be sorted by it: a primitive column at the top level
   * or inside structs, not a struct, list or map, nor anything inside a list or map (a row has no single value
   * of those).
   *
   * @param context how the error message starts ({@code Cannot sort by 'x desc'})
   * @throws ValidationException naming the column and what can be sorted by
   */
  public static Field sortableColumn(Schema schema, String name, String context) {
    Optional<Field> found = schema.findField(name);
    if (found.isEmpty()) {
      throw new ValidationException(context + ": unknown column '" + name + "'; the columns are "
          + schema.columnNames());
    }
    Field f = found.get();
    if (!f.type().isPrimitive()) {
      throw new ValidationException(context + ": column '" + name + "' is a " + f.type().id().typeName()
          + ", and rows sort only by primitive columns (for a struct, name its fields, as in " + name + ".field)");
    }
    for (Optional<Integer> p = schema.parentId(f.id()); p.isPresent(); p = schema.parentId(p.get())) {
      TypeId parent = schema.findFieldById(p.get()).orElseThrow().type().id();
      if (parent == TypeId.LIST || parent == TypeId.MAP) {
        throw new ValidationException(context + ": column '" + name + "' is inside a " + parent.typeName()
            + ", so a row has no single value of it; sort by a top-level column or a struct field");
      }
    }
    return f;
  }

  private static boolean is(String word, String keyword) {
    return word.toLowerCase(Locale.ROOT).equals(keyword);
  }
}
