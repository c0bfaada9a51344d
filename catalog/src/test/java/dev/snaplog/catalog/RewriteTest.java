package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Compaction on the local warehouse: bin-packing, folded deletion vectors, and concurrent appends and deletes. */
class RewriteTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");
  private static final TableId T = TableId.of("db", "t");
  private static final long TARGET = 1 << 20;

  private Table table;

  @BeforeEach
  void setUp() {
    table = catalog.createTable(T, SCHEMA, Map.of(TableProperties.TARGET_FILE_SIZE_BYTES, String.valueOf(TARGET)));
  }

  private static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(GenericRecord.of(SCHEMA, id, "m" + id));
    }
    return out;
  }

  /** The ids of the current rows in scan order. */
  private List<Long> ids(Table t) {
    List<Long> out = new ArrayList<>();
    t.refresh().newScan().records().forEach(r -> out.add((Long) r.get("id")));
    return out;
  }

  private static List<Long> range(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(id);
    }
    return out;
  }

  private List<DataFile> files(Table t) {
    return t.refresh().newScan().planFiles().toList().stream().map(FileScanTask::file).toList();
  }

  @Test
  void smallFilesAndDeletionVectorsBecomeOneFileWithTheSameRows() {
    for (int i = 0; i < 10; i++) {
      table.newAppend().appendRecords(rows(i * 10, i * 10 + 10)).commit();
    }
    table.newDelete().deleteWhere(Expressions.in("id", 5L, 55L, 56L)).commit();
    List<Long> before = ids(table);
    assertThat(before).hasSize(97);
    long version = table.version();

    Snapshot dry = table.newRewrite().apply();
    assertThat(dry.summaryLong(Snapshot.REMOVED_FILES)).isEqualTo(10);
    assertThat(dry.summaryLong(Snapshot.ADDED_RECORDS)).isEqualTo(97);
    assertThat(table.refresh().version()).isEqualTo(version);

    Snapshot s = table.newRewrite().commit();
    assertThat(s.operation()).isEqualTo("rewrite");
    assertThat(table.version()).isEqualTo(version + 1);
    assertThat(s.summaryLong(Snapshot.TOTAL_FILES)).isEqualTo(1);
    assertThat(s.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(97);
    assertThat(ids(table)).isEqualTo(before); // same rows, same order
    assertThat(files(table)).singleElement().satisfies(f -> {
      assertThat(f.deletionVector()).isEmpty();
      assertThat(f.recordCount()).isEqualTo(97);
    });
    assertThat(table.verify(true).problems()).isEmpty();
    // nothing left to do: no commit
    table.newRewrite().commit();
    assertThat(table.refresh().version()).isEqualTo(version + 1);
  }

  @Test
  void theTargetSizeBoundsEachNewFile() {
    for (int i = 0; i < 8; i++) {
      table.newAppend().appendRecords(rows(i * 100, i * 100 + 100)).commit();
    }
    long fileSize = files(table).get(0).fileSizeBytes();
    table.newRewrite().targetFileSizeBytes(fileSize * 2 + fileSize / 2).commit(); // two inputs per bin
    assertThat(files(table)).hasSize(4).allSatisfy(f -> assertThat(f.recordCount()).isEqualTo(200));
    assertThat(ids(table)).isEqualTo(range(0, 800));
    assertThatThrownBy(() -> table.newRewrite().targetFileSizeBytes(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void anAppendThatLandsMeanwhileIsKeptAndTheRewriteRetries() {
    for (int i = 0; i < 5; i++) {
      table.newAppend().appendRecords(rows(i * 10, i * 10 + 10)).commit();
    }
    var rewrite = table.newRewrite(); // reads this version when it commits: the handle is not refreshed
    catalog.loadTable(T).newAppend().appendRecords(rows(1000, 1010)).commit();
    rewrite.commit();
    List<Long> want = range(0, 50);
    want.addAll(range(1000, 1010));
    assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(want);
    assertThat(files(table)).hasSize(2); // the compacted file and the appended one
  }

  @Test
  void rowsDeletedMeanwhileFromFilesItReplacesAreCarriedOverAndStayDeleted() {
    for (int i = 0; i < 5; i++) {
      table.newAppend().appendRecords(rows(i * 10, i * 10 + 10)).commit();
    }
    table.newDelete().deleteWhere(Expressions.equal("id", 12L)).commit(); // read by the rewrite: not written
    var rewrite = table.newRewrite();
    Table other = catalog.loadTable(T);
    other.newDelete().deleteWhere(Expressions.in("id", 3L, 11L, 13L, 49L)).commit(); // after it read the table
    other.newDelete().deleteWhere(Expressions.equal("id", 20L)).commit();
    Snapshot s = rewrite.commit();
    List<Long> want = range(0, 50);
    want.removeAll(List.of(3L, 11L, 12L, 13L, 20L, 49L));
    assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(want); // no deleted row came back
    assertThat(s.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(44);
    assertThat(files(table)).singleElement().satisfies(f -> {
      assertThat(f.recordCount()).isEqualTo(49); // written without 12
      assertThat(f.liveRecordCount()).isEqualTo(44);
    });
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void aCopyOnWriteDeleteOfAFileItReplacesFailsTheRewrite() {
    catalog.dropTable(T, true);
    table = catalog.createTable(T, SCHEMA, Map.of(TableProperties.DELETE_MODE,
        TableProperties.DELETE_MODE_COPY_ON_WRITE));
    for (int i = 0; i < 5; i++) {
      table.newAppend().appendRecords(rows(i * 10, i * 10 + 10)).commit();
    }
    var rewrite = table.newRewrite().targetFileSizeBytes(TARGET);
    catalog.loadTable(T).newDelete().deleteWhere(Expressions.equal("id", 3L)).commit(); // rewrites the file
    long version = catalog.loadTable(T).version();
    assertThatThrownBy(rewrite::commit).isInstanceOfSatisfying(CommitConflictException.class, e -> {
      assertThat(e.conflictingVersion()).hasValue(version);
      assertThat(e.conflictingFile()).isPresent();
    });
    assertThat(table.refresh().version()).isEqualTo(version);
    List<Long> want = range(0, 50);
    want.remove(3L);
    assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void compactionRunsConcurrentlyWithAnAppendingThreadAndNeitherFails() throws Exception {
    for (int i = 0; i < 20; i++) {
      table.newAppend().appendRecords(rows(i * 10, i * 10 + 10)).commit();
    }
    Table writer = catalog.loadTable(T);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Void> appends = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < 30; i++) {
        writer.newAppend().appendRecords(rows(10_000 + i * 5, 10_000 + i * 5 + 5)).commit();
        started.countDown();
      }
    });
    assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
    Table compactor = catalog.loadTable(T);
    int rewrites = 0;
    while (!appends.isDone() || rewrites == 0) {
      compactor.refresh().newRewrite().commit();
      rewrites++;
    }
    appends.get();
    List<Long> want = range(0, 200);
    for (int i = 0; i < 30; i++) {
      want.addAll(range(10_000 + i * 5, 10_000 + i * 5 + 5));
    }
    assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(want);
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void anEmptyTableHasNothingToCompact() {
    assertThatThrownBy(() -> table.newRewrite().commit()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("nothing to compact");
  }
}
