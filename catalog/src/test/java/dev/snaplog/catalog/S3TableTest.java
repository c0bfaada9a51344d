package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.CountingInterceptor;
import dev.snaplog.s3.testing.FaultInjectingInterceptor;
import dev.snaplog.s3.testing.S3TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Table-level guarantees on S3: concurrent writers, lost responses and the request budget of a commit. */
class S3TableTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  private static final TableId TABLE = TableId.of("db", "events");
  private final S3TestServer s3 = S3TestServer.shared();

  private String newTable(String name) {
    String warehouse = s3.newWarehouse(name);
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      c.createNamespace("db");
      c.createTable(TABLE, SCHEMA);
    }
    return warehouse;
  }

  private static List<Long> ids(Table t) {
    return t.newScan().records().toList().stream().map(r -> (Long) r.get("id")).toList();
  }

  @Test
  void eightWriterProcessesAppendingTwentyFiveTimesEachMakeOneChainOfTwoHundred() throws Exception {
    String warehouse = newTable("procs");
    List<String> args = new ArrayList<>();
    s3.properties().forEach((k, v) -> args.add(k + "=" + v));
    List<ChildJvm> children = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      List<String> a = new ArrayList<>(List.of(warehouse, TABLE.toString(), String.valueOf(w * 1000L), "25", "1"));
      a.addAll(args);
      children.add(new ChildJvm(AppendWorker.class, a.toArray(new String[0])));
    }
    for (ChildJvm c : children) {
      assertThat(c.waitFor()).isZero();
      assertThat(c.lines().stream().filter(l -> l.startsWith("COMMITTED"))).hasSize(25);
    }
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      Table t = c.loadTable(TABLE);
      TableBehaviourSuite.assertLinearChain(t, 200);
      List<Long> ids = ids(t);
      assertThat(ids).hasSize(200).doesNotHaveDuplicates();
      HashSet<Long> expected = new HashSet<>();
      for (int w = 0; w < 8; w++) {
        for (int i = 0; i < 25; i++) {
          expected.add(w * 1000L + i);
        }
      }
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }
  }

  @Test
  void thirtyTwoThreadsInOneProcessCommitEveryAppendOnce() throws Exception {
    String warehouse = newTable("threads");
    int threads = 32;
    int perThread = 3;
    try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        long base = w * 1000L;
        futures.add(pool.submit(() -> {
          Table mine = c.loadTable(TABLE);
          for (int i = 0; i < perThread; i++) {
            mine.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, base + i, Instant.EPOCH, "t")))
                .commit();
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
      pool.shutdown();
      Table t = c.loadTable(TABLE);
      TableBehaviourSuite.assertLinearChain(t, threads * perThread);
      assertThat(ids(t)).hasSize(threads * perThread).doesNotHaveDuplicates();
    }
  }

  private static boolean isPointerPut(software.amazon.awssdk.core.SdkRequest r) {
    return r instanceof PutObjectRequest p && p.key().endsWith("/_pointer");
  }

  @Test
  void lostResponsesOfThePointerSwapNeverDuplicateOrLoseACommit() {
    String warehouse = newTable("faults");
    FaultInjectingInterceptor faults = new FaultInjectingInterceptor();
    try (Storage storage = s3.openStorage(warehouse, Map.of(), List.of(faults))) {
      Table t = WarehouseCatalog.of(storage, s3.properties()).loadTable(TABLE);
      t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 0L, Instant.EPOCH, "a"))).commit();
      faults.loseNextResponse(S3TableTest::isPointerPut); // applied by the server, answer lost
      Snapshot applied = t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 1L, Instant.EPOCH, "b")))
          .commit();
      faults.dropNextRequest(S3TableTest::isPointerPut); // never reaches the server
      Snapshot retried = t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 2L, Instant.EPOCH, "c")))
          .commit();
      try (Catalog c = Catalogs.open(warehouse, s3.properties())) {
        Table fresh = c.loadTable(TABLE);
        TableBehaviourSuite.assertLinearChain(fresh, 3);
        assertThat(fresh.snapshots()).extracting(Snapshot::snapshotId)
            .containsSubsequence(retried.snapshotId(), applied.snapshotId());
        assertThat(ids(fresh)).containsExactlyInAnyOrder(0L, 1L, 2L);
      }
    }
  }

  @Test
  void steadyStateAppendMakesAtMostFourRequests() {
    String warehouse = newTable("count");
    CountingInterceptor counter = new CountingInterceptor();
    try (Storage storage = s3.openStorage(warehouse, Map.of(), List.of(counter))) {
      Table t = WarehouseCatalog.of(storage, s3.properties()).loadTable(TABLE);
      t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 0L, Instant.EPOCH, "warm"))).commit();
      DataFile file;
      try (DataWriter w = t.newDataWriter()) {
        w.write(GenericRecord.of(SCHEMA, 1L, Instant.EPOCH, "x"));
        file = w.complete();
      }
      counter.reset();
      t.newAppend().appendFile(file).commit();
      System.out.println("S3 requests of one steady-state append commit: " + counter.requests());
      assertThat(counter.count()).isLessThanOrEqualTo(4);
      assertThat(counter.count("PutObject")).isEqualTo(3);
    }
  }
}
