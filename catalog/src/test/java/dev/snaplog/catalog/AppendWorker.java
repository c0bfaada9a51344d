package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM that appends batches to a table and reports each commit on stdout once commit() returned:
 * {@code COMMITTED <firstId> <batchSize> <snapshotId>}. Used by the multi-process and crash tests.
 *
 * <p>Arguments: warehouse, namespace.table, first id, number of commits (-1 = until killed), rows per commit,
 * then any number of {@code key=value} catalog properties (S3 endpoint and credentials).
 */
public final class AppendWorker {
  private AppendWorker() {}

  public static void main(String[] args) {
    String warehouse = args[0];
    TableId id = TableId.parse(args[1]);
    long nextId = Long.parseLong(args[2]);
    long commits = Long.parseLong(args[3]);
    int batch = Integer.parseInt(args[4]);
    Map<String, String> props = new java.util.HashMap<>();
    for (int i = 5; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (Catalog catalog = Catalogs.open(warehouse, props)) {
      Table table = catalog.loadTable(id);
      System.out.println("READY");
      System.out.flush();
      for (long n = 0; commits < 0 || n < commits; n++) {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          long rowId = nextId + i;
          rows.add(GenericRecord.of(table.schema(), rowId, Instant.EPOCH.plusSeconds(rowId), "w" + rowId));
        }
        Snapshot s = table.newAppend().appendRecords(rows).commit();
        System.out.println("COMMITTED " + nextId + " " + batch + " " + s.snapshotId());
        System.out.flush();
        nextId += batch;
      }
    }
  }
}
