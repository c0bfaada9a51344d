package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.io.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time travel on a loaded table is answered from the history index it keeps in memory: once the index has been
 * read, finding the snapshot of a time or an id reads no object, at any depth; the version's metadata is read
 * only when the scan plans or the full snapshot is asked for.
 */
class TimeTravelFromMemoryTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");
  private static final TableId TABLE = TableId.of("db", "travel");
  private static final int DEPTH = 300; // several history leaves of 100 versions, beyond the metadata's tail

  @TempDir
  Path dir;

  @Test
  void lookupsOnALoadedTableReadNoObject() {
    Storage storage = Catalogs.openStorage(dir.resolve("wh").toString(), Map.of());
    Catalog writer = WarehouseCatalog.of(storage, Map.of());
    writer.createNamespace("db");
    Table t = writer.createTable(TABLE, SCHEMA);
    List<Snapshot> snapshots = new ArrayList<>();
    for (int n = 1; n <= DEPTH; n++) {
      snapshots.add(t.newAppend().appendFile(HistoryDepthTest.file(t, n)).commit());
    }

    CountingStorage counting = new CountingStorage(storage);
    Table loaded = WarehouseCatalog.of(counting.storage(), Map.of()).loadTable(TABLE);
    // the first lookup reads the index's root and leaves; a table keeps them while they fit its budget
    loaded.history();
    Random random = new Random(11);
    for (int i = 0; i < 30; i++) {
      int k = random.nextInt(snapshots.size() - 1);
      Snapshot target = snapshots.get(k);
      counting.reset();
      TableScan byTime = loaded.newScan().asOfTime(target.timestamp());
      TableScan byId = loaded.newScan().useSnapshot(target.snapshotId());
      assertThat(byTime.snapshotId()).contains(target.snapshotId());
      assertThat(byId.snapshotId()).contains(target.snapshotId());
      assertThat(byTime.schema()).isEqualTo(SCHEMA);
      assertThat(counting.ops()).as("lookups of version %d", target.sequenceNumber()).isEmpty();

      // the full snapshot and planning read that version's metadata (once per scan)
      assertThat(byTime.snapshot()).contains(target);
      assertThat(byTime.planFiles().toList()).hasSize(k + 1);
      assertThat(byId.snapshot()).contains(target);
    }
  }
}
