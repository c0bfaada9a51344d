package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    List<Snapshot> snapshots = commitHistory(storage);

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

  /**
   * The pointer names the history index root, so a new handle reads it while it reads the metadata: its first
   * time travel then reads one object (a leaf) instead of two one after the other. Each of the two reads here
   * waits until the other has started, so reading them one after the other fails the load.
   */
  @Test
  void aNewHandleReadsTheHistoryRootWhileItReadsTheMetadata() {
    Storage storage = Catalogs.openStorage(dir.resolve("wh").toString(), Map.of());
    List<Snapshot> snapshots = commitHistory(storage);
    String pointer = storage.objects().resolve(storage.root(), "db/travel/_pointer");
    assertThat(new String(storage.pointers().read(pointer).orElseThrow().bytes(), StandardCharsets.UTF_8))
        .contains("\"history-root\":\"history/root-");

    Rendezvous rendezvous = new Rendezvous(storage.objects());
    CountingStorage counting = new CountingStorage(new Storage(rendezvous, storage.pointers(), storage.root()));
    Table loaded = WarehouseCatalog.of(counting.storage(), Map.of()).loadTable(TABLE);
    assertThat(rendezvous.met()).as("metadata and history root read side by side").isTrue();
    assertThat(counting.countAt("GET", "/history/root-")).isEqualTo(1);

    counting.reset();
    Snapshot old = snapshots.get(5);
    assertThat(loaded.newScan().asOfTime(old.timestamp()).snapshotId()).contains(old.snapshotId());
    assertThat(counting.ops()).hasSize(1).allMatch(op -> op.location().contains("/history/leaf-"));
  }

  /** The pointer's root is a hint: one naming an object that is not the metadata's root misleads no lookup. */
  @Test
  void aPointerNamingAWrongHistoryRootMisleadsNoLookup() {
    Storage storage = Catalogs.openStorage(dir.resolve("wh").toString(), Map.of());
    List<Snapshot> snapshots = commitHistory(storage);
    String pointer = storage.objects().resolve(storage.root(), "db/travel/_pointer");
    Pointer current = storage.pointers().read(pointer).orElseThrow();
    for (String wrong : List.of("history/root-00000000000000000001-gone.json", "_pointer")) {
      String bytes = new String(current.bytes(), StandardCharsets.UTF_8)
          .replaceAll("\"history-root\":\"[^\"]*\"", "\"history-root\":\"" + wrong + "\"");
      current = storage.pointers().swap(pointer, current.token(), bytes.getBytes(StandardCharsets.UTF_8));

      Table loaded = WarehouseCatalog.of(storage, Map.of()).loadTable(TABLE);
      for (Snapshot s : List.of(snapshots.get(0), snapshots.get(150), snapshots.get(DEPTH - 1))) {
        assertThat(loaded.newScan().asOfTime(s.timestamp()).snapshotId()).as("hint %s", wrong)
            .contains(s.snapshotId());
      }
    }
  }

  private static List<Snapshot> commitHistory(Storage storage) {
    Catalog writer = WarehouseCatalog.of(storage, Map.of());
    writer.createNamespace("db");
    Table t = writer.createTable(TABLE, SCHEMA);
    List<Snapshot> snapshots = new ArrayList<>();
    for (int n = 1; n <= DEPTH; n++) {
      snapshots.add(t.newAppend().appendFile(HistoryDepthTest.file(t, n)).commit());
    }
    return snapshots;
  }

  /**
   * A store on which the first read of a metadata file and the first read of a history root each wait, up to a
   * minute, until the other has started; a read that waits in vain fails.
   */
  private static final class Rendezvous extends ForwardingObjectStore {
    private final CountDownLatch both = new CountDownLatch(2);
    private final AtomicBoolean metadataArrived = new AtomicBoolean();
    private final AtomicBoolean rootArrived = new AtomicBoolean();

    Rendezvous(ObjectStore delegate) {
      super(delegate);
    }

    boolean met() {
      return both.getCount() == 0;
    }

    @Override
    public InputFile newInputFile(String location) {
      InputFile in = super.newInputFile(location);
      AtomicBoolean first = location.contains("/metadata/") ? metadataArrived
          : location.contains("/history/root-") ? rootArrived : null;
      if (first == null || !first.compareAndSet(false, true)) {
        return in;
      }
      both.countDown();
      try {
        if (!both.await(1, TimeUnit.MINUTES)) {
          throw new AssertionError("read of " + location + " waited a minute for its partner read to start");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return in;
    }
  }
}
