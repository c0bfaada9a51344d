package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.NamespaceAlreadyExistsException;
import dev.snaplog.core.exceptions.TableAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch loader that can be killed at any moment and simply started again: every batch is committed exactly
 * once. It keeps no state of its own; the table does, through commit tokens. Batch {@code n} commits with the
 * token {@code loader:n}, so before writing a batch the loader asks whether that token (or a later one) is
 * already in the table, and a batch whose commit landed just before a crash is skipped on the next run without
 * writing its data again. If the crash hit between the write and the commit, the batch is loaded again.
 *
 * <p>Here batch {@code n} is generated (ids {@code n * 1000} up); in a real pipeline it is the n-th file or
 * offset range of a source that can be read again.
 *
 * <p>Arguments: warehouse (default {@code ./warehouse}), number of batches (default 10), rows per batch
 * (default 100). Table: {@code examples.loaded}.
 */
public final class IdempotentLoader {
  public static final TableId TABLE = TableId.of("examples", "loaded");
  public static final Schema SCHEMA = Schema.parse("id long not null, batch int not null, payload string");

  private IdempotentLoader() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rows = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    try (Catalog catalog = Catalogs.open(warehouse)) {
      Table table = openOrCreate(catalog);
      int loaded = 0;
      for (int n = 1; n <= batches; n++) {
        AppendFiles append = table.newAppend().commitToken("loader:" + n).set("batch", String.valueOf(n));
        if (append.alreadyCommitted().isPresent()) {
          System.out.println("batch " + n + " already committed, skipped");
          continue;
        }
        CommitResult r = append.appendRecords(batch(n, rows)).commitWithResult();
        System.out.println((r.duplicate() ? "batch " + n + " already committed, skipped"
            : "committed batch " + n + " as version " + r.version()));
        System.out.flush();
        loaded++;
      }
      System.out.println("done: " + loaded + " batches loaded by this run");
    }
  }

  /** The rows of batch {@code n}. */
  public static List<Record> batch(int n, int rows) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      out.add(GenericRecord.of(SCHEMA, n * 1000L + i, n, "batch " + n + " row " + i));
    }
    return out;
  }

  private static Table openOrCreate(Catalog catalog) {
    try {
      catalog.createNamespace(TABLE.namespace());
    } catch (NamespaceAlreadyExistsException e) {
      // a previous run created it
    }
    try {
      return catalog.createTable(TABLE, SCHEMA);
    } catch (TableAlreadyExistsException e) {
      return catalog.loadTable(TABLE);
    }
  }
}
