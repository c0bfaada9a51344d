package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.Upsert;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate JVM that upserts batches 1..N by key with commit tokens {@code upserter:n}, as a restarted pipeline
 * does: every start goes through all batches from the first, and the token makes a batch already committed a
 * no-op. Prints {@code BATCH n} before it writes a batch, {@code COMMITTED n <snapshotId>} once commit()
 * returned, {@code SKIPPED n} for a batch found committed, and {@code DONE} at the end.
 *
 * <p>Arguments: warehouse, namespace.table, number of batches.
 */
public final class UpsertWorker {
  static final String WRITER = "upserter";
  static final int KEYS = 40;
  static final int BATCH = 8;

  private UpsertWorker() {}

  /**
   * The keys of batch {@code n}: {@value #BATCH} consecutive keys from {@code 5n mod KEYS}, so consecutive
   * batches overlap and which value a key ends with depends on the order batches landed in.
   */
  static List<Long> keys(int n) {
    List<Long> out = new ArrayList<>();
    for (int j = 0; j < BATCH; j++) {
      out.add((long) ((5 * n + j) % KEYS));
    }
    return out;
  }

  static String value(int n) {
    return "batch-" + n;
  }

  public static void main(String[] args) {
    String warehouse = args[0];
    TableId id = TableId.parse(args[1]);
    int batches = Integer.parseInt(args[2]);
    try (Catalog catalog = Catalogs.open(warehouse)) {
      Table table = catalog.loadTable(id);
      Schema schema = table.schema();
      System.out.println("READY");
      System.out.flush();
      for (int n = 1; n <= batches; n++) {
        Upsert upsert = table.newUpsert().key("id").commitToken(WRITER + ":" + n);
        if (upsert.alreadyCommitted().isPresent()) {
          System.out.println("SKIPPED " + n);
          continue;
        }
        System.out.println("BATCH " + n);
        System.out.flush();
        List<Record> rows = new ArrayList<>();
        for (long key : keys(n)) {
          rows.add(GenericRecord.of(schema, key, value(n)));
        }
        CommitResult r = upsert.addRecords(rows).commitWithResult();
        System.out.println((r.duplicate() ? "SKIPPED " : "COMMITTED ") + n + " " + r.snapshot().snapshotId());
        System.out.flush();
      }
      System.out.println("DONE");
      System.out.flush();
    }
  }
}
