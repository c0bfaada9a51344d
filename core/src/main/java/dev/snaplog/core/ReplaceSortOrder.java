package dev.snaplog.core;

/**
 * Replaces how new data files are sorted: the columns given, in call order, most significant first. Committing
 * with no column makes the table unsorted. Files already written keep their layout; only data written after
 * the commit (appends, data writers, compaction) is sorted the new way.
 *
 * <p>Columns are checked at once and refused with {@link dev.snaplog.core.exceptions.ValidationException}
 * naming the problem (an unknown column, a struct, list or map, a column given twice); nothing is committed
 * until {@link #commit()}.
 */
public interface ReplaceSortOrder extends PendingUpdate<SortOrder> {
  /** Sorts by {@code column} ascending, nulls first. Nested struct fields are named by dotted path. */
  ReplaceSortOrder asc(String column);

  /** Sorts by {@code column} ascending with the given null order. */
  ReplaceSortOrder asc(String column, SortOrder.NullOrder nullOrder);

  /** Sorts by {@code column} descending, nulls last. */
  ReplaceSortOrder desc(String column);

  /** Sorts by {@code column} descending with the given null order. */
  ReplaceSortOrder desc(String column, SortOrder.NullOrder nullOrder);

  /**
   * Sorts by the columns written in {@code order}, after any given before, as {@link SortOrder#parse} reads
   * them: {@code "ts desc, id, msg asc nulls last"}; blank adds none.
   */
  ReplaceSortOrder sortBy(String order);
}
