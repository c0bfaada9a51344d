package dev.snaplog.examples;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.ChangeKind;
import dev.snaplog.core.ChangelogScan;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Record;
import dev.snaplog.core.RowChange;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a copy of a keyed table up to date from its change feed: each sync applies the rows inserted and deleted
 * since the snapshot it last reached, deletes included (an upsert shows as the old row deleted and the new one
 * inserted, a delete through a deletion vector as the deleted row), so the copy never needs a full re-read. A
 * compaction reports nothing and costs nothing here. The copy is an in-memory map by key; a real sink (a cache,
 * a search index) takes the same two calls.
 *
 * <p>Arguments: warehouse (default {@code ./warehouse}), table (default {@code examples.customers}, what
 * {@link CdcUpsert} writes). Prints the copy after one sync from the first snapshot.
 */
public final class ChangeFeedMirror {
  private final String keyColumn;
  private final Map<Object, Record> rows = new HashMap<>();
  private Long reached; // the snapshot the copy matches; null before the first sync

  public ChangeFeedMirror(String keyColumn) {
    this.keyColumn = keyColumn;
  }

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : Catalogs.DEFAULT_WAREHOUSE;
    TableId id = TableId.parse(args.length > 1 ? args[1] : CdcUpsert.TABLE.toString());
    try (Catalog catalog = Catalogs.open(warehouse)) {
      ChangeFeedMirror mirror = new ChangeFeedMirror("id");
      long applied = mirror.sync(catalog.loadTable(id));
      System.out.println("applied " + applied + " changes; the copy holds:");
      mirror.rows().values().forEach(r -> System.out.println("  " + r));
    }
  }

  /**
   * Applies the changes from the snapshot reached last to the table's current snapshot.
   *
   * @return the number of changes applied
   */
  public long sync(Table table) {
    Optional<Snapshot> current = table.refresh().currentSnapshot();
    if (current.isEmpty() || reached != null && reached == current.get().snapshotId()) {
      return 0;
    }
    ChangelogScan scan = table.newChangelogScan().toSnapshot(current.get().snapshotId());
    if (reached != null) {
      scan = scan.fromSnapshot(reached);
    }
    long n = 0;
    try (CloseableIterable<RowChange> changes = scan.changes()) {
      for (RowChange c : changes) {
        Object key = c.row().get(keyColumn);
        if (c.kind() == ChangeKind.DELETE) {
          rows.remove(key);
        } else {
          rows.put(key, c.row());
        }
        n++;
      }
    }
    reached = current.get().snapshotId();
    return n;
  }

  /** The copy: key to row. */
  public Map<Object, Record> rows() {
    return Collections.unmodifiableMap(rows);
  }
}
