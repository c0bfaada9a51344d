package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.time.Instant;
import java.util.List;

/**
 * A JVM that appends, rolls back and expires in a loop until killed, printing {@code CYCLE n} after each
 * expiry. Arguments: warehouse, namespace.table.
 */
public final class MaintenanceWorker {
  private MaintenanceWorker() {}

  public static void main(String[] args) {
    try (Catalog catalog = Catalogs.open(args[0])) {
      Table t = catalog.loadTable(TableId.parse(args[1]));
      System.out.println("READY");
      System.out.flush();
      long id = System.nanoTime() & 0xffffffffL;
      for (int cycle = 0; ; cycle++) {
        Snapshot keep = null;
        for (int i = 0; i < 4; i++) {
          Snapshot s = t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), id++, Instant.EPOCH, "m")))
              .commit();
          if (i == 1) {
            keep = s;
          }
        }
        t.newRollback().toSnapshot(keep.snapshotId()).commit();
        t.expireSnapshots().retainLast(2).commit();
        System.out.println("CYCLE " + cycle);
        System.out.flush();
      }
    }
  }
}
