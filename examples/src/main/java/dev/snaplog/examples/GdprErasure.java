package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.expressions.Expressions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Erases one person from a table so that their data is gone from storage, not only from the current version:
 *
 * <ol>
 *   <li>delete their rows (one commit; in merge-on-read the rows are only marked deleted in a deletion vector);
 *   <li>compact, which writes every file with deleted rows again without them;
 *   <li>expire all older versions, which deletes the data files only they referenced: the ones still holding
 *       the rows (time travel to before the erasure ends here, as it must);
 *   <li>remove orphans: files of failed commits that no version references.
 * </ol>
 *
 * <p>Step 3 deletes a data file once no retained version names it. A version names the files of its latest
 * checkpoint and of the log records since, including files a later record removed; so the old files become
 * unreferenced only once a checkpoint after the compaction is retained alone. This table is created with
 * {@code checkpoint.interval=1} (a checkpoint with every commit) so that the compaction's own version is one;
 * on a table with the default interval, run the expiry after the next checkpoint (at most 10 commits later).
 *
 * <p>Arguments: warehouse (default {@code ./warehouse}), the email to erase (default {@code
 * erase.me@example.com}). Table: {@code examples.orders}, filled with sample orders first.
 */
public final class GdprErasure {
  public static final TableId TABLE = TableId.of("examples", "orders");
  public static final Schema SCHEMA = Schema.parse("order_id long not null, email string not null, amount long");
  public static final String DEFAULT_EMAIL = "erase.me@example.com";

  /** What the erasure did. */
  public record Result(long deletedRows, long rewrittenFiles, long expiredVersions, long deletedFiles,
                       int orphansRemoved) {}

  private GdprErasure() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    String email = args.length > 1 ? args[1] : DEFAULT_EMAIL;
    try (Catalog catalog = Catalogs.open(warehouse)) {
      if (!catalog.namespaceExists(TABLE.namespace())) {
        catalog.createNamespace(TABLE.namespace());
      }
      catalog.dropTable(TABLE, true); // start fresh on every run
      Table table = catalog.createTable(TABLE, SCHEMA, Map.of("checkpoint.interval", "1"));
      for (int day = 0; day < 3; day++) {
        table.newAppend().appendRecords(sampleOrders(day, email)).commit();
      }
      Result r = erase(table, "email", email);
      System.out.printf("Erased %s: %d rows deleted, %d files rewritten, %d versions expired, %d objects deleted,"
          + " %d orphans removed%n", email, r.deletedRows(), r.rewrittenFiles(), r.expiredVersions(),
          r.deletedFiles(), r.orphansRemoved());
    }
  }

  /** Sample orders of one day: ten customers, one of them {@code email}. */
  public static List<Record> sampleOrders(int day, String email) {
    List<Record> out = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String who = i == 3 ? email : "customer" + i + "@example.com";
      out.add(GenericRecord.of(SCHEMA, day * 100L + i, who, (long) (i + 1) * 10));
    }
    return out;
  }

  /** Erases the rows whose {@code column} equals {@code value}, down to the bytes in storage. */
  public static Result erase(Table table, String column, Object value) {
    Snapshot deleted = table.newDelete().deleteWhere(Expressions.equal(column, value)).commit();
    long rows = deleted.summaryLong(Snapshot.REMOVED_RECORDS);
    Snapshot compacted = table.newRewrite().commit();
    long rewritten = compacted.snapshotId() == deleted.snapshotId() ? 0
        : compacted.summaryLong(Snapshot.REMOVED_FILES);
    ExpireSnapshots.Result expired = table.expireSnapshots().retainLast(1).commit();
    int orphans = table.removeOrphanFiles().olderThan(Instant.now()).execute().size();
    return new Result(rows, rewritten, expired.expiredVersions(), expired.deletedFiles(), orphans);
  }
}
