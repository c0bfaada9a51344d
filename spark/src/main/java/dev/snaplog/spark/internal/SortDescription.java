package dev.snaplog.spark.internal;

import dev.snaplog.core.SortOrder;
import dev.snaplog.core.data.SortOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's sort order as tasks carry it (its id and each field's source column id, direction and null order)
 * with the table's sort buffer bound, so an executor sorts each file's rows exactly as the table's own writers do.
 */
final class SortDescription implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int orderId;
  private final int[] sourceIds;
  private final String[] directions;
  private final String[] nullOrders;
  private final int bufferRows;

  private SortDescription(SortOrder order, int bufferRows) {
    this.orderId = order.orderId();
    int n = order.fields().size();
    this.sourceIds = new int[n];
    this.directions = new String[n];
    this.nullOrders = new String[n];
    for (int i = 0; i < n; i++) {
      SortOrder.Field f = order.fields().get(i);
      sourceIds[i] = f.sourceId();
      directions[i] = f.direction().name();
      nullOrders[i] = f.nullOrder().name();
    }
    this.bufferRows = bufferRows;
  }

  static SortDescription of(SortOrder order, int bufferRows) {
    return new SortDescription(order, bufferRows);
  }

  /** How a task's writer sorts: not at all for an unsorted table. */
  SortOptions options() {
    if (sourceIds.length == 0) {
      return SortOptions.NONE;
    }
    List<SortOrder.Field> fields = new ArrayList<>(sourceIds.length);
    for (int i = 0; i < sourceIds.length; i++) {
      fields.add(new SortOrder.Field(sourceIds[i], SortOrder.Direction.valueOf(directions[i]),
          SortOrder.NullOrder.valueOf(nullOrders[i])));
    }
    return SortOptions.of(new SortOrder(orderId, fields), bufferRows);
  }
}
