package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.Storage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commit cost, metadata size, time travel and planning stay flat as history grows. Depth is 2,000 commits by
 * default to keep the build quick; {@code mvn -pl catalog test -Dtest=HistoryDepthTest -Dsnaplog.depth=20000}
 * runs the full-depth check whose figures are in BENCHMARKS.md. Files are registered with stats but not written: the
 * log is what is measured.
 */
class HistoryDepthTest {
  private static final int LOCAL_DEPTH = Integer.getInteger("snaplog.depth", 2_000);
  private static final int S3_DEPTH = Integer.getInteger("snaplog.s3.depth", 300);
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");
  private static final TableId TABLE = TableId.of("db", "deep");

  @TempDir
  Path dir;

  /** Counts bytes written, split by object kind. */
  static final class ByteCounter extends ForwardingObjectStore {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lastMetadataBytes = new AtomicLong();

    ByteCounter(Storage inner) {
      super(inner.objects());
    }

    @Override
    public void putIfAbsent(String location, byte[] data) {
      bytes.addAndGet(data.length);
      if (location.contains("/metadata/")) {
        lastMetadataBytes.set(data.length);
      }
      super.putIfAbsent(location, data);
    }
  }

  static DataFile file(Table t, long n) {
    return new DataFile(t.location() + "/data/f-" + n + ".parquet", "parquet", 100, 2048,
        Map.of(1, new ColumnStats(0, n * 100, n * 100 + 99), 2, new ColumnStats(0, "a", "z")));
  }

  @Test
  void costsStayFlatAtDepthOnTheLocalWarehouse() {
    costsStayFlatAtDepth(Catalogs.openStorage(dir.resolve("wh").toString(), Map.of()), LOCAL_DEPTH);
  }

  @Test
  void costsStayFlatAtDepthOnS3() {
    dev.snaplog.s3.testing.S3TestServer s3 = dev.snaplog.s3.testing.S3TestServer.shared();
    costsStayFlatAtDepth(s3.openStorage(s3.newWarehouse("depth"), Map.of(), java.util.List.of()), S3_DEPTH);
  }

  private void costsStayFlatAtDepth(Storage raw, int depth) {
    ByteCounter counter = new ByteCounter(raw);
    Storage storage = new Storage(counter, raw.pointers(), raw.root());
    Catalog catalog = WarehouseCatalog.of(storage, Map.of());
    catalog.createNamespace("db");
    Table t = catalog.createTable(TABLE, SCHEMA);

    long[] bytesPerCommit = new long[depth + 1];
    long[] metadataBytes = new long[depth + 1];
    List<Snapshot> snapshots = new ArrayList<>();
    for (int n = 1; n <= depth; n++) {
      long before = counter.bytes.get();
      snapshots.add(t.newAppend().appendFile(file(t, n)).commit());
      bytesPerCommit[n] = counter.bytes.get() - before;
      metadataBytes[n] = counter.lastMetadataBytes.get();
    }
    int window = Math.min(100, depth / 3);
    double early = average(bytesPerCommit, 1, window);
    double late = average(bytesPerCommit, depth - window + 1, depth);
    long earlyMeta = max(metadataBytes, 1, window);
    long lateMeta = max(metadataBytes, depth - window + 1, depth);
    long lastPlain = bytesPerCommit[depth % 10 == 0 ? depth - 1 : depth];
    long firstPlain = bytesPerCommit[window - 1];
    System.out.printf("depth %d: bytes/commit avg first %d = %.0f, last %d = %.0f; plain commit #99 = %d,"
        + " #%d = %d; max metadata first %d = %d, last %d = %d%n", depth, window, early, window, late,
        firstPlain, depth, lastPlain, window, earlyMeta, window, lateMeta);
    assertThat(lateMeta).as("metadata size stays bounded").isLessThanOrEqualTo(2 * earlyMeta);
    assertThat(lastPlain).as("a commit without a checkpoint costs the same at any depth")
        .isLessThanOrEqualTo(2 * firstPlain);

    CountingStorage cold = new CountingStorage(storage);
    Table fresh = WarehouseCatalog.of(cold.storage(), Map.of()).loadTable(TABLE);
    Random random = new Random(7);
    for (int i = 0; i < 20; i++) {
      Snapshot target = snapshots.get(random.nextInt(snapshots.size() - 1));
      Instant between = target.timestamp();
      cold.reset();
      Snapshot found = fresh.newScan().asOfTime(between).snapshot().orElseThrow();
      assertThat(found).isEqualTo(target);
      long reads = cold.count("GET");
      assertThat(reads).as("time travel reads at most 4 objects").isLessThanOrEqualTo(4);
      cold.reset();
      assertThat(fresh.newScan().useSnapshot(target.snapshotId()).snapshot()).contains(target);
      assertThat(cold.count("GET")).as("lookup by id reads at most 4 objects").isLessThanOrEqualTo(4);
    }

    Table planner = WarehouseCatalog.of(cold.storage(), Map.of()).loadTable(TABLE);
    cold.reset();
    assertThat(planner.newScan().planFiles().toList()).hasSize(depth);
    long planReads = cold.count("GET");
    Table coldPlanner = WarehouseCatalog.of(cold.storage(), Map.of()).loadTable(TABLE);
    cold.reset();
    assertThat(coldPlanner.newScan().filter(Expressions.equal("id", 150L)).planFiles().toList()).hasSize(1);
    long prunedReads = cold.count("GET");
    System.out.printf("planning the current snapshot read %d objects; with a selective filter %d%n", planReads,
        prunedReads);
    assertThat(planReads).as("planning reads a bounded number of objects").isLessThanOrEqualTo(40);
  }

  private static double average(long[] values, int from, int to) {
    long sum = 0;
    for (int i = from; i <= to; i++) {
      sum += values[i];
    }
    return (double) sum / (to - from + 1);
  }

  private static long max(long[] values, int from, int to) {
    long m = 0;
    for (int i = from; i <= to; i++) {
      m = Math.max(m, values[i]);
    }
    return m;
  }
}
