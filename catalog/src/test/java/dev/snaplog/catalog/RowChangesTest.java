package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Delete and overwrite on the local warehouse: deletion vectors, copy-on-write, counts, conflicts. */
class RowChangesTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");
  private static final TableId T = TableId.of("db", "t");

  private Table table;

  @BeforeEach
  void setUp() {
    table = catalog.createTable(T, SCHEMA);
  }

  private static List<Record> rows(long from, long to) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(GenericRecord.of(SCHEMA, id, "m" + id));
    }
    return out;
  }

  private TreeSet<Long> ids(Table t) {
    TreeSet<Long> out = new TreeSet<>();
    t.refresh().newScan().records().forEach(r -> out.add((Long) r.get("id")));
    return out;
  }

  private static TreeSet<Long> range(long from, long to) {
    TreeSet<Long> out = new TreeSet<>();
    for (long id = from; id < to; id++) {
      out.add(id);
    }
    return out;
  }

  @Test
  void aPartialDeleteWritesADeletionVectorThatReadersApply() {
    table.newAppend().appendRecords(rows(0, 100)).commit();
    Snapshot before = table.currentSnapshot().orElseThrow();
    Snapshot dry = table.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).apply();
    assertThat(dry.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(10);
    assertThat(table.refresh().version()).isEqualTo(before.sequenceNumber()); // the dry run committed nothing

    Snapshot s = table.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit();
    assertThat(s.operation()).isEqualTo("delete");
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(10);
    assertThat(s.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(90);
    assertThat(s.summaryLong(Snapshot.TOTAL_FILES)).isEqualTo(1);
    assertThat(ids(table)).isEqualTo(range(10, 100));
    List<FileScanTask> tasks = table.newScan().planFiles().toList();
    assertThat(tasks).singleElement().satisfies(t -> {
      assertThat(t.file().deletionVector()).isPresent();
      assertThat(t.file().liveRecordCount()).isEqualTo(90);
    });
    // time travel still sees the deleted rows
    assertThat(table.newScan().useSnapshot(before.snapshotId()).records().toList()).hasSize(100);
    // a second delete merges into the file's vector
    table.newDelete().deleteWhere(Expressions.greaterThanOrEqual("id", 95L)).commit();
    assertThat(ids(table)).isEqualTo(range(10, 95));
    assertThat(table.currentSnapshot().orElseThrow().summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(85);
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void aFileWhoseStatsShowEveryRowMatchesIsDroppedWithoutADeletionVector() {
    table.newAppend().appendRecords(rows(0, 10)).commit();
    table.newAppend().appendRecords(rows(10, 20)).commit();
    Snapshot s = table.newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit();
    assertThat(s.summaryLong(Snapshot.REMOVED_FILES)).isEqualTo(1);
    assertThat(s.summaryLong(Snapshot.TOTAL_FILES)).isEqualTo(1);
    assertThat(ids(table)).isEqualTo(range(10, 20));
    assertThat(table.newScan().planFiles().toList()).allSatisfy(t -> assertThat(t.file().deletionVector()).isEmpty());
  }

  @Test
  void copyOnWriteRewritesTheFileWithoutTheDeletedRows() {
    catalog.dropTable(T, true);
    table = catalog.createTable(T, SCHEMA, Map.of(TableProperties.DELETE_MODE,
        TableProperties.DELETE_MODE_COPY_ON_WRITE));
    table.newAppend().appendRecords(rows(0, 50)).commit();
    String old = table.newScan().planFiles().toList().get(0).file().location();
    table.newDelete().deleteWhere(Expressions.in("id", 3L, 4L, 5L)).commit();
    TreeSet<Long> expected = range(0, 50);
    expected.removeAll(List.of(3L, 4L, 5L));
    assertThat(ids(table)).isEqualTo(expected);
    DataFile now = table.newScan().planFiles().toList().get(0).file();
    assertThat(now.location()).isNotEqualTo(old);
    assertThat(now.deletionVector()).isEmpty();
    assertThat(now.recordCount()).isEqualTo(47);
  }

  @Test
  void overwriteReplacesMatchingRowsAndAddsNewOnesInOneCommit() {
    table.newAppend().appendRecords(rows(0, 20)).commit();
    long version = table.version();
    table.newOverwrite().overwriteByFilter(Expressions.greaterThanOrEqual("id", 15L))
        .addRecords(List.of(GenericRecord.of(SCHEMA, 15L, "corrected"))).commit();
    assertThat(table.refresh().version()).isEqualTo(version + 1);
    assertThat(ids(table)).isEqualTo(range(0, 16));
    assertThat(table.newScan().filter(Expressions.equal("id", 15L)).records().toList())
        .singleElement().satisfies(r -> assertThat(r.get("msg")).isEqualTo("corrected"));
  }

  @Test
  void deletesOfDifferentRowsOfOneFileBothLandTheirVectorsMerged() {
    table.newAppend().appendRecords(rows(0, 100)).commit();
    Table other = catalog.loadTable(T);
    // the first delete reads version v; the other lands meanwhile; the first then merges and lands
    var firstOp = table.newDelete().deleteWhere(Expressions.lessThan("id", 10L));
    other.newDelete().deleteWhere(Expressions.greaterThanOrEqual("id", 90L)).commit();
    firstOp.commit();
    assertThat(ids(table)).isEqualTo(range(10, 90));
    assertThat(table.currentSnapshot().orElseThrow().summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(80);
  }

  @Test
  void aDeleteConflictsWithAConcurrentAppendOfMatchingRowsOnlyWhenSerializable() {
    table.newAppend().appendRecords(rows(0, 10)).commit();
    var serializable = table.newDelete().deleteWhere(Expressions.lessThan("id", 5L));
    var snapshot = catalog.loadTable(T).newDelete().deleteWhere(Expressions.lessThan("id", 5L))
        .isolationLevel(IsolationLevel.SNAPSHOT);
    catalog.loadTable(T).newAppend().appendRecords(rows(0, 3)).commit(); // matching rows, added meanwhile
    long version = catalog.loadTable(T).version();
    assertThatThrownBy(serializable::commit).isInstanceOfSatisfying(CommitConflictException.class, e -> {
      assertThat(e.conflictingVersion()).hasValue(version);
      assertThat(e.conflictingFile()).isPresent();
    });
    assertThat(table.refresh().version()).isEqualTo(version);
    snapshot.commit();
    assertThat(ids(table)).containsExactly(0L, 1L, 2L, 5L, 6L, 7L, 8L, 9L); // the appended rows stay
  }

  @Test
  void aDeleteConflictsWithAConcurrentRemovalOfAFileItTouches() {
    table.newAppend().appendRecords(rows(0, 10)).commit();
    var delete = table.newDelete().deleteWhere(Expressions.equal("id", 3L));
    String file = table.newScan().planFiles().toList().get(0).file().location();
    catalog.loadTable(T).newOverwrite().deleteFile(file).commit();
    assertThatThrownBy(delete::commit).isInstanceOfSatisfying(CommitConflictException.class,
        e -> assertThat(e.conflictingFile()).contains(file));
  }

  @Test
  void aChangeWhoseReadVersionWasExpiredMeanwhileConflictsChangesNothingAndRunsAgain() {
    table.newAppend().appendRecords(rows(0, 10)).commit();
    var delete = table.newDelete().deleteWhere(Expressions.equal("id", 3L));
    var append = table.newAppend().appendRecords(rows(10, 12));
    Table other = catalog.loadTable(T);
    other.newDelete().deleteWhere(Expressions.equal("id", 9L)).commit();
    other.newAppend().appendRecords(rows(20, 21)).commit();
    other.expireSnapshots().retainLast(1).commit(); // removes the versions the delete would validate against
    long version = other.refresh().version();
    assertThatThrownBy(delete::commit).isInstanceOfSatisfying(CommitConflictException.class,
        e -> assertThat(e.getMessage()).contains("expired").contains("Run the change again"));
    assertThat(table.refresh().version()).isEqualTo(version);
    append.commit(); // an append validates nothing, so it lands over the expiry
    TreeSet<Long> expected = range(0, 9);
    expected.addAll(range(10, 12));
    expected.add(20L);
    assertThat(ids(table)).isEqualTo(expected);
    table.newDelete().deleteWhere(Expressions.equal("id", 3L)).commit();
    assertThat(ids(table)).doesNotContain(3L).hasSize(11);
    assertThat(catalog.loadTable(T).verify(true).problems()).isEmpty();
  }

  @Test
  void badInputFailsClearlyAndChangesNothing() {
    assertThatThrownBy(() -> table.newDelete().deleteWhere(Expressions.equal("id", 1L)).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("no rows");
    table.newAppend().appendRecords(rows(0, 3)).commit();
    long version = table.version();
    assertThatThrownBy(() -> table.newDelete().deleteWhere(Expressions.equal("nope", 1L)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> table.newOverwrite().deleteFile(table.location() + "/data/missing.parquet").commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("missing.parquet");
    assertThat(table.refresh().version()).isEqualTo(version);
  }

  @Test
  void aFilterOnAnUnknownColumnIsRefusedByEveryOperationBeforeAnythingIsWritten() {
    table.newAppend().appendRecords(rows(0, 3)).commit();
    long version = table.version();
    assertThatThrownBy(() -> table.newOverwrite().overwriteByFilter(Expressions.equal("nope", 1L))
        .addRecords(rows(5, 6)).commit()).isInstanceOf(ValidationException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> table.newScan().filter(Expressions.equal("nope", 1L)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nope");
    assertThat(table.refresh().version()).isEqualTo(version);
    assertThat(ids(table)).isEqualTo(range(0, 3));
  }

  /**
   * A deletion vector whose bytes were damaged to name a row past its file's end (here: the vector object
   * rewritten by hand with the same size) is a {@link CorruptTableException} naming the table and the file for
   * readers, the change feed and every change that would read it; nothing is committed.
   */
  @Test
  void aDeletionVectorPointingPastItsFileIsATypedErrorAndNothingChanges() throws Exception {
    table.newAppend().appendRecords(rows(0, 10)).commit();
    table.newDelete().deleteWhere(Expressions.equal("id", 3L)).commit();
    DataFile file = table.newScan().planFiles().toList().get(0).file();
    var dv = file.deletionVector().orElseThrow();
    Path object = Path.of(java.net.URI.create(dv.location().startsWith("/") ? "file://" + dv.location()
        : dv.location()));
    byte[] bytes = Files.readAllBytes(object);
    java.io.ByteArrayOutputStream damaged = new java.io.ByteArrayOutputStream();
    org.roaringbitmap.RoaringBitmap.bitmapOf(50).serialize(new java.io.DataOutputStream(damaged));
    assertThat(damaged.size()).isEqualTo((int) dv.length());
    System.arraycopy(damaged.toByteArray(), 0, bytes, (int) dv.offset(), damaged.size());
    Files.delete(object);
    Files.write(object, bytes);
    long version = table.refresh().version();

    List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> uses = List.of(
        () -> table.newScan().records().toList(),
        () -> table.newChangelogScan().changes().toList(),
        () -> table.newDelete().deleteWhere(Expressions.equal("id", 4L)).commit(),
        () -> table.newUpsert().key("id").addRecords(rows(5, 6)).commit(),
        () -> table.newRewrite().commit());
    for (var use : uses) {
      assertThatThrownBy(use).isInstanceOf(CorruptTableException.class)
          .hasMessageContaining("deletes row 50 of a file of 10 rows").hasMessageContaining(file.location())
          .satisfies(e -> assertThat(((CorruptTableException) e).table()).contains(T.toString()));
    }
    assertThat(table.refresh().version()).isEqualTo(version);
    assertThat(table.verify(true).problems()).isNotEmpty();
  }

  @Test
  void expiryAndOrphanRemovalTreatDeletionVectorsLikeDataFiles() throws Exception {
    // a checkpoint every commit, so an expired version's log record (and its vector) is referenced by it alone
    catalog.dropTable(T, true);
    table = catalog.createTable(T, SCHEMA, Map.of(TableProperties.CHECKPOINT_INTERVAL, "1"));
    table.newAppend().appendRecords(rows(0, 10)).commit();
    table.newDelete().deleteWhere(Expressions.equal("id", 1L)).commit();
    table.newDelete().deleteWhere(Expressions.equal("id", 2L)).commit();
    Path deletes = dir.resolve("warehouse/db/t/deletes");
    try (Stream<Path> s = Files.list(deletes)) {
      assertThat(s.count()).isEqualTo(2);
    }
    assertThat(table.removeOrphanFiles().olderThan(java.time.Instant.now()).execute()).isEmpty();
    table.expireSnapshots().retainLast(1).commit();
    try (Stream<Path> s = Files.list(deletes)) {
      assertThat(s.count()).isEqualTo(1); // the first vector is referenced only by the expired version
    }
    assertThat(ids(table)).isEqualTo(new TreeSet<>(List.of(0L, 3L, 4L, 5L, 6L, 7L, 8L, 9L)));
    assertThat(catalog.loadTable(T).verify(true).problems()).isEmpty();
  }
}
