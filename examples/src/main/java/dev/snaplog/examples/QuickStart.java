package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.expressions.Expressions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a table, appends three batches, prints the history, reads the current state and time-travels to the
 * first snapshot. Uses only the public API. Argument: the warehouse (default {@code ./warehouse}).
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    TableId id = TableId.of("examples", "events");
    try (Catalog catalog = Catalogs.open(warehouse)) {
      if (!catalog.namespaceExists("examples")) {
        catalog.createNamespace("examples");
      }
      catalog.dropTable(id, true); // start fresh on every run
      Schema schema = Schema.parse("id long not null, ts timestamptz, msg string");
      Table table = catalog.createTable(id, schema);
      System.out.println("Created " + id + " in " + catalog.warehouse());

      List<Snapshot> commits = new ArrayList<>();
      for (int batch = 0; batch < 3; batch++) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          long rowId = batch * 4L + i;
          rows.add(GenericRecord.of(schema, rowId, Instant.now().truncatedTo(ChronoUnit.MICROS),
              "batch " + batch + " row " + i));
        }
        Snapshot s = table.newAppend().appendRecords(rows).set("batch", String.valueOf(batch)).commit();
        commits.add(s);
        System.out.printf("Committed batch %d as snapshot %d (version %d, %s rows in table)%n", batch,
            s.snapshotId(), s.sequenceNumber(), s.summary().get(Snapshot.TOTAL_RECORDS));
      }

      System.out.println("\nHistory (newest first):");
      for (HistoryEntry h : table.history()) {
        System.out.printf("  version %d  %s  %-8s snapshot %d%n", h.version(), h.timestamp(), h.operation(),
            h.snapshotId());
      }

      System.out.println("\nCurrent rows with id >= 6:");
      for (Record r : table.newScan().filter(Expressions.greaterThanOrEqual("id", 6)).records()) {
        System.out.println("  " + r);
      }

      Snapshot first = commits.get(0);
      System.out.println("\nTime travel to the first snapshot (" + first.timestamp() + "):");
      for (Record r : table.newScan().asOfTime(first.timestamp()).select("id", "msg").records()) {
        System.out.println("  " + r);
      }
    }
  }
}
