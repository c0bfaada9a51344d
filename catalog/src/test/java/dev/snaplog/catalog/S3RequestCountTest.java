package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.CountingInterceptor;
import dev.snaplog.s3.testing.S3TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Request counts of reads and maintenance on the S3 test server. */
class S3RequestCountTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  private static final TableId TABLE = TableId.of("db", "t");
  private final S3TestServer s3 = S3TestServer.shared();

  private Table open(Storage storage) {
    WarehouseCatalog catalog = WarehouseCatalog.of(storage, s3.properties());
    catalog.createNamespace("db");
    return catalog.createTable(TABLE, SCHEMA);
  }

  @Test
  void scanningDataFilesMakesNoHeadRequests() {
    CountingInterceptor counter = new CountingInterceptor();
    try (Storage storage = s3.openStorage(s3.newWarehouse("reads"), Map.of(), List.of(counter))) {
      Table t = open(storage);
      for (int i = 0; i < 5; i++) {
        t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, (long) i, Instant.EPOCH, "r"))).commit();
      }
      counter.reset();
      assertThat(t.newScan().records().toList()).hasSize(5);
      System.out.println("[snaplog] requests of a scan of 5 data files: " + counter.requests());
      assertThat(counter.count("HeadObject")).as("the log knows every data file's length").isZero();
      assertThat(counter.count("GetObject")).as("footer and row groups of 5 files").isGreaterThanOrEqualTo(5);
    }
  }

  /**
   * 2,500 data files (copies of one small Parquet file, so the test spends its time on requests, not on
   * Parquet) are committed, rolled back and expired: the deletes go in batches of 1,000, so an expiry of 10,000
   * files makes at most 10 delete requests.
   */
  @Test
  void expiryDeletesInBatchesOfAThousand() throws Exception {
    int files = 2_500;
    CountingInterceptor counter = new CountingInterceptor();
    try (Storage storage = s3.openStorage(s3.newWarehouse("batch-delete"), Map.of(), List.of(counter))) {
      Table t = open(storage);
      Snapshot keep = t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 0L, Instant.EPOCH, "keep")))
          .commit();
      DataFile template;
      try (DataWriter w = t.newDataWriter()) {
        w.write(GenericRecord.of(SCHEMA, 1L, Instant.EPOCH, "copy"));
        template = w.complete();
      }
      byte[] bytes = storage.objects().readIfExists(template.location()).orElseThrow();
      String dataDir = template.location().substring(0, template.location().lastIndexOf('/') + 1);
      ExecutorService pool = Executors.newFixedThreadPool(16);
      List<Future<DataFile>> copies = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        copies.add(pool.submit(() -> {
          String loc = dataDir + UUID.randomUUID() + ".parquet";
          storage.objects().putIfAbsent(loc, bytes);
          return template.withLocation(loc);
        }));
      }
      AppendFiles append = t.newAppend().appendFile(template);
      for (Future<DataFile> f : copies) {
        append.appendFile(f.get());
      }
      pool.shutdown();
      append.commit();
      t.newRollback().toSnapshot(keep.snapshotId()).commit();
      t.newAppend().appendRecords(List.of(GenericRecord.of(SCHEMA, 2L, Instant.EPOCH, "after"))).commit();

      counter.reset();
      ExpireSnapshots.Result r = t.expireSnapshots().retainLast(1).commit();
      System.out.println("[snaplog] expiry of " + r.deletedFiles() + " objects (" + r.deletedDataFiles()
          + " data files): " + counter.count("DeleteObjects") + " DeleteObjects requests, " + counter.count()
          + " requests in all");
      assertThat(r.deletedDataFiles()).isEqualTo(files + 1);
      assertThat(counter.count("DeleteObject")).as("no single deletes").isZero();
      assertThat(counter.count("DeleteObjects")).as("one request per 1,000 objects")
          .isEqualTo((int) ((r.deletedFiles() + 999) / 1000));
      assertThat(t.verify().problems()).isEmpty();
      assertThat(t.newScan().records().toList()).hasSize(2);
    }
  }
}
