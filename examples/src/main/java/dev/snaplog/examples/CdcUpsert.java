package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change-data-capture consumer: applies batches of change events (an upsert or a delete of one customer,
 * in source order) to a table keyed by id, so the table mirrors the source. Per batch it keeps only the last
 * event of each key (an upsert takes one row per key), deletes the keys whose last event is a delete, and
 * upserts the rest: each step one commit with a commit token of the batch, so a consumer restarted on the same
 * batch changes nothing twice.
 *
 * <p>Arguments: warehouse (default {@code ./warehouse}). Table: {@code examples.customers}; the events are a
 * small scripted sequence.
 */
public final class CdcUpsert {
  public static final TableId TABLE = TableId.of("examples", "customers");
  public static final Schema SCHEMA = Schema.parse("id long not null, name string, balance long");

  /** One change of the source: {@code delete} ignores name and balance. */
  public record ChangeEvent(boolean delete, long id, String name, long balance) {
    public static ChangeEvent upsert(long id, String name, long balance) {
      return new ChangeEvent(false, id, name, balance);
    }

    public static ChangeEvent delete(long id) {
      return new ChangeEvent(true, id, null, 0);
    }
  }

  private CdcUpsert() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    try (Catalog catalog = Catalogs.open(warehouse)) {
      if (!catalog.namespaceExists(TABLE.namespace())) {
        catalog.createNamespace(TABLE.namespace());
      }
      catalog.dropTable(TABLE, true); // start fresh on every run
      Table table = catalog.createTable(TABLE, SCHEMA);
      List<List<ChangeEvent>> batches = List.of(
          List.of(ChangeEvent.upsert(1, "Ada", 100), ChangeEvent.upsert(2, "Brian", 50),
              ChangeEvent.upsert(3, "Chen", 75)),
          List.of(ChangeEvent.upsert(2, "Brian", 60), ChangeEvent.upsert(2, "Brian", 65),
              ChangeEvent.delete(3), ChangeEvent.upsert(4, "Dana", 10)),
          List.of(ChangeEvent.delete(1), ChangeEvent.upsert(1, "Ada", 120), ChangeEvent.upsert(5, "Eve", 5)));
      for (int n = 0; n < batches.size(); n++) {
        apply(table, n + 1, batches.get(n));
      }
      System.out.println("Customers now:");
      table.refresh().newScan().records().forEach(r -> System.out.println("  " + r));
    }
  }

  /** Applies one batch of events, in order, to the table. */
  public static void apply(Table table, int batchNumber, List<ChangeEvent> events) {
    Map<Long, ChangeEvent> last = new LinkedHashMap<>();
    for (ChangeEvent e : events) {
      last.remove(e.id()); // keep the key's position of its last event
      last.put(e.id(), e);
    }
    List<Long> deletes = new ArrayList<>();
    List<Record> upserts = new ArrayList<>();
    for (ChangeEvent e : last.values()) {
      if (e.delete()) {
        deletes.add(e.id());
      } else {
        upserts.add(GenericRecord.of(SCHEMA, e.id(), e.name(), e.balance()));
      }
    }
    if (!deletes.isEmpty() && table.refresh().currentSnapshot().isPresent()) {
      table.newDelete().deleteWhere(Expressions.in("id", deletes)).commitToken("cdc-deletes:" + batchNumber)
          .commit();
    }
    if (!upserts.isEmpty()) {
      table.newUpsert().key("id").addRecords(upserts).commitToken("cdc-upserts:" + batchNumber).commit();
    }
    System.out.printf("batch %d: %d events, %d upserted, %d deleted%n", batchNumber, events.size(),
        upserts.size(), deletes.size());
  }
}
