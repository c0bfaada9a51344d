package dev.snaplog.core.sort;

import dev.snaplog.core.ReplaceSortOrder;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a table's next sort order. Pure, like {@link dev.snaplog.core.partition.PartitionSpecUpdate}: columns
 * are resolved against the schema it was given, and the catalog commits the result. Not thread-safe.
 */
public final class SortOrderUpdate implements ReplaceSortOrder {
  private final Schema schema;
  private final int newOrderId;
  private final Function<SortOrderUpdate, SortOrder> committer;
  private final List<SortOrder.Field> fields = new ArrayList<>();

  /**
   * @param schema the table's current schema, which columns are resolved against
   * @param newOrderId the id a new sorted order gets (one above the table's highest order id)
   * @param committer commits the change and returns the committed order; the catalog supplies it
   */
  public SortOrderUpdate(Schema schema, int newOrderId, Function<SortOrderUpdate, SortOrder> committer) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.newOrderId = newOrderId;
    this.committer = Objects.requireNonNull(committer, "committer");
  }

  @Override
  public ReplaceSortOrder asc(String column) {
    return add(column, SortOrder.Direction.ASC, SortOrder.Field.defaultNullOrder(SortOrder.Direction.ASC));
  }

  @Override
  public ReplaceSortOrder asc(String column, SortOrder.NullOrder nullOrder) {
    return add(column, SortOrder.Direction.ASC, nullOrder);
  }

  @Override
  public ReplaceSortOrder desc(String column) {
    return add(column, SortOrder.Direction.DESC, SortOrder.Field.defaultNullOrder(SortOrder.Direction.DESC));
  }

  @Override
  public ReplaceSortOrder desc(String column, SortOrder.NullOrder nullOrder) {
    return add(column, SortOrder.Direction.DESC, nullOrder);
  }

  @Override
  public ReplaceSortOrder sortBy(String order) {
    for (SortOrder.Field f : SortOrder.parse(order, schema).fields()) {
      add(schema.findName(f.sourceId()).orElseThrow(), f.direction(), f.nullOrder());
    }
    return this;
  }

  private ReplaceSortOrder add(String column, SortOrder.Direction direction, SortOrder.NullOrder nullOrder) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(nullOrder, "nullOrder");
    String term = column + " " + direction.name().toLowerCase(java.util.Locale.ROOT);
    int id = SortOrderParser.sortableColumn(schema, column, "Cannot sort by '" + term + "'").id();
    SortOrder.Field f = new SortOrder.Field(id, direction, nullOrder);
    SortOrderParser.checkNotRepeated(term, f, fields);
    fields.add(f);
    return this;
  }

  /** The new order: unsorted when no column was given. */
  @Override
  public SortOrder apply() {
    return fields.isEmpty() ? SortOrder.UNSORTED : new SortOrder(newOrderId, fields);
  }

  @Override
  public SortOrder commit() {
    return committer.apply(this);
  }
}
