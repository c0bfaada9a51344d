package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Row deltas and upserts on the local warehouse: one commit each, deletion vectors, bad input, conflicts. */
class RowDeltaUpsertTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string, score double");
  private static final TableId T = TableId.of("db", "t");

  private Table table;

  @BeforeEach
  void setUp() {
    table = catalog.createTable(T, SCHEMA);
  }

  private static List<Record> rows(long from, long to, String tag) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(GenericRecord.of(SCHEMA, id, tag + id, 1.0));
    }
    return out;
  }

  /** id to msg of the current rows; fails on a duplicate id. */
  private Map<Long, String> contents(Table t) {
    Map<Long, String> out = new TreeMap<>();
    t.refresh().newScan().records().forEach(r ->
        assertThat(out.put((Long) r.get("id"), (String) r.get("msg"))).as("id %s once", r.get("id")).isNull());
    return out;
  }

  private static Map<Long, String> expected(long from, long to, String tag, Map<Long, String> into) {
    for (long id = from; id < to; id++) {
      into.put(id, tag + id);
    }
    return into;
  }

  private String onlyFile(Table t) {
    return t.refresh().newScan().planFiles().toList().get(0).file().location();
  }

  private long dataFiles() throws IOException {
    Path data = dir.resolve("warehouse/db/t/data");
    if (!Files.exists(data)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(data)) {
      return s.count();
    }
  }

  @Test
  void aRowDeltaAddsRowsAndDeletesRowsByPositionInOneCommit() {
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    String file = onlyFile(table);
    long version = table.version();
    Snapshot s = table.newRowDelta().deleteRows(file, 0, 3, 9).addRecords(rows(100, 102, "n")).commit();
    assertThat(table.refresh().version()).isEqualTo(version + 1);
    assertThat(s.operation()).isEqualTo("row-delta");
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(3);
    assertThat(s.summaryLong(Snapshot.ADDED_RECORDS)).isEqualTo(2);
    assertThat(s.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(9);
    Map<Long, String> want = expected(0, 10, "a", new TreeMap<>());
    want.keySet().removeAll(List.of(0L, 3L, 9L));
    assertThat(contents(table)).isEqualTo(expected(100, 102, "n", want));
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void twoRowDeltasOfDifferentRowsOfOneFileBothLandTheirVectorsMerged() {
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    String file = onlyFile(table);
    var first = table.newRowDelta().deleteRows(file, 1, 2); // reads this version
    catalog.loadTable(T).newRowDelta().deleteRows(file, 7, 8).commit();
    first.commit();
    Map<Long, String> want = expected(0, 10, "a", new TreeMap<>());
    want.keySet().removeAll(List.of(1L, 2L, 7L, 8L));
    assertThat(contents(table)).isEqualTo(want);
    assertThat(table.currentSnapshot().orElseThrow().summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(6);
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void aRowDeltaThatDeletesEveryRowDropsTheFileAndOneAgainstARewrittenFileConflicts() {
    table.newAppend().appendRecords(rows(0, 3, "a")).commit();
    String file = onlyFile(table);
    var late = table.newRowDelta().deleteRows(file, 1);
    catalog.loadTable(T).newRowDelta().deleteRows(file, 0, 1, 2).commit();
    assertThatThrownBy(late::commit).isInstanceOfSatisfying(CommitConflictException.class,
        e -> assertThat(e.conflictingFile()).contains(file));
    assertThat(contents(table)).isEmpty();
    assertThat(table.newScan().planFiles().toList()).isEmpty();
  }

  @Test
  void aRowDeltaRefusesPositionsPastTheFileAndFilesThatAreNotLive() {
    table.newAppend().appendRecords(rows(0, 3, "a")).commit();
    String file = onlyFile(table);
    long version = table.version();
    assertThatThrownBy(() -> table.newRowDelta().deleteRows(file, 3).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("position 3").hasMessageContaining("3 rows");
    assertThatThrownBy(() -> table.newRowDelta().deleteRows(file, -1)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> table.newRowDelta().deleteRows(table.location() + "/data/gone.parquet", 0).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("gone.parquet");
    assertThat(table.refresh().version()).isEqualTo(version);
  }

  @Test
  void anUpsertReplacesRowsWithTheSameKeyAndAddsNewOnesInOneCommit() {
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    table.newAppend().appendRecords(rows(10, 20, "a")).commit();
    long version = table.version();
    List<Record> batch = rows(5, 15, "u"); // 5..14 replace, none new
    batch.addAll(rows(30, 32, "u")); // new keys
    Snapshot dry = table.newUpsert().key("id").addRecords(batch).apply();
    assertThat(dry.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(10);
    assertThat(dry.summaryLong(Snapshot.ADDED_RECORDS)).isEqualTo(12);
    assertThat(table.refresh().version()).isEqualTo(version);

    Snapshot s = table.newUpsert().key("id").addRecords(batch).commit();
    assertThat(s.operation()).isEqualTo("upsert");
    assertThat(table.refresh().version()).isEqualTo(version + 1);
    assertThat(s.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(22);
    Map<Long, String> want = expected(0, 20, "a", new TreeMap<>());
    expected(5, 15, "u", want);
    assertThat(contents(table)).isEqualTo(expected(30, 32, "u", want));
    assertThat(table.newScan().planFiles().toList()).filteredOn(t -> t.file().deletionVector().isPresent())
        .hasSize(2);
    assertThat(table.verify(true).problems()).isEmpty();
  }

  @Test
  void anUpsertMatchesKeysInFilesWrittenBeforeTheKeyWasWidenedOrAddedAndSkipsDeletedRows() {
    Schema narrow = Schema.parse("k int not null, msg string");
    Table t = catalog.createTable(TableId.of("db", "evolved"), narrow);
    List<Record> old = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      old.add(GenericRecord.of(narrow, k, "old" + k));
    }
    t.newAppend().appendRecords(old).commit();
    t.newDelete().deleteWhere(dev.snaplog.core.expressions.Expressions.equal("k", 3)).commit();
    // the file holds k as int; the key is now long, and 'region' is in no file: every old row reads 'eu'
    Schema wide = t.updateSchema().updateColumn("k", dev.snaplog.core.types.Type.LONG)
        .addRequiredColumn("region", dev.snaplog.core.types.Type.STRING, "eu").commit();

    t.newUpsert().key("k").addRecords(List.of(GenericRecord.of(wide, 3L, "new3", "us"),
        GenericRecord.of(wide, 4L, "new4", "us"), GenericRecord.of(wide, 42L, "new42", "us"))).commit();
    Map<Object, String> byKey = new TreeMap<>();
    t.refresh().newScan().records().forEach(r -> assertThat(byKey.put(r.get("k"), (String) r.get("msg"))).isNull());
    Map<Object, String> want = new TreeMap<>();
    for (long k = 0; k < 10; k++) {
      want.put(k, "old" + k);
    }
    want.put(3L, "new3"); // deleted before: only the new row
    want.put(4L, "new4");
    want.put(42L, "new42");
    assertThat(byKey).isEqualTo(want);

    // keyed on the added column: every old row has the default 'eu' and goes; the 'us' rows stay
    Snapshot s = t.newUpsert().key("region").addRecords(List.of(GenericRecord.of(wide, 7L, "only-eu", "eu")))
        .commit();
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(8); // 0..9 less 3 (deleted) and 4 (upserted)
    List<String> msgs = new ArrayList<>();
    t.refresh().newScan().records().forEach(r -> msgs.add(r.get("region") + ":" + r.get("msg")));
    assertThat(msgs).containsExactlyInAnyOrder("us:new3", "us:new4", "us:new42", "eu:only-eu");
    assertThat(t.verify(true).problems()).isEmpty();
  }

  @Test
  void anUpsertOfManyKeysPrunesByTheirRangeAndReadsTheFilesAtBothEnds() {
    table.newAppend().appendRecords(rows(0, 1000, "a")).commit();
    table.newAppend().appendRecords(rows(1400, 1600, "c")).commit();
    table.newAppend().appendRecords(rows(5000, 5100, "far")).commit();
    // 1,500 keys: more than an 'in' list takes, so files are pruned by the keys' range, 5..1504
    Snapshot s = table.newUpsert().key("id").addRecords(rows(5, 1505, "new")).commit();
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(995 + 105);
    Map<Long, String> want = expected(0, 5, "a", new TreeMap<>());
    expected(5, 1505, "new", want);
    expected(1505, 1600, "c", want);
    expected(5000, 5100, "far", want);
    assertThat(contents(table)).isEqualTo(want);
  }

  @Test
  void anUpsertNeverMatchesANullKey() {
    // an optional int key, nulls among zeros: a decoded null holds 0 in its slot and must not match key 0
    Schema nullable = Schema.parse("k int, msg string");
    Table t = catalog.createTable(TableId.of("db", "nullable"), nullable);
    List<Record> old = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      old.add(GenericRecord.of(nullable, i % 4 == 0 ? null : i % 4 == 1 ? 0 : i, "old" + i));
    }
    t.newAppend().appendRecords(old).commit();
    Snapshot s = t.newUpsert().key("k").addRecords(List.of(GenericRecord.of(nullable, 0, "new0"),
        GenericRecord.of(nullable, 4998, "new4998"), GenericRecord.of(nullable, 3, "new3"))).commit();
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(1250 + 2); // every 0, then 4998 and 3
    Map<String, Long> byMsg = new TreeMap<>();
    t.refresh().newScan().records().forEach(r -> byMsg.merge(r.get("k") == null ? "null" : "key", 1L, Long::sum));
    assertThat(byMsg).containsEntry("null", 1250L).containsEntry("key", 5000L - 2 * 1250 - 2 + 3);
    List<String> news = new ArrayList<>();
    t.refresh().newScan().records().forEach(r -> {
      if (((String) r.get("msg")).startsWith("new")) {
        news.add(r.get("k") + ":" + r.get("msg"));
      }
    });
    assertThat(news).containsExactlyInAnyOrder("0:new0", "4998:new4998", "3:new3");
    assertThat(t.verify(true).problems()).isEmpty();
  }

  @Test
  void anUpsertFindsKeysSpreadFarApartAndNegative() {
    long far = 1L << 40; // a span no bit set covers: the keys are searched instead
    List<Record> old = new ArrayList<>();
    for (long id : new long[] {Long.MIN_VALUE, -5, 0, 7, far, far + 1, Long.MAX_VALUE}) {
      old.add(GenericRecord.of(SCHEMA, id, "old", 1.0));
    }
    table.newAppend().appendRecords(old).commit();
    Snapshot s = table.newUpsert().key("id").addRecords(List.of(GenericRecord.of(SCHEMA, -5L, "new", 2.0),
        GenericRecord.of(SCHEMA, far + 1, "new", 2.0), GenericRecord.of(SCHEMA, Long.MAX_VALUE, "new", 2.0),
        GenericRecord.of(SCHEMA, 8L, "new", 2.0), GenericRecord.of(SCHEMA, Long.MIN_VALUE, "new", 2.0)))
        .commit(); // keys at both ends of the long range: a span that overflows a long
    assertThat(s.summaryLong(Snapshot.REMOVED_RECORDS)).isEqualTo(4);
    Map<Long, String> want = new TreeMap<>(Map.of(-5L, "new", 0L, "old", 7L, "old", far, "old", far + 1, "new",
        Long.MAX_VALUE, "new", 8L, "new", Long.MIN_VALUE, "new"));
    assertThat(contents(table)).isEqualTo(want);

    // a narrow span: the bit set, with values on both of its ends and just outside them
    table.newUpsert().key("id").addRecords(List.of(GenericRecord.of(SCHEMA, 0L, "b", 3.0),
        GenericRecord.of(SCHEMA, 7L, "b", 3.0))).commit();
    want.put(0L, "b");
    want.put(7L, "b");
    assertThat(contents(table)).isEqualTo(want);
  }

  @Test
  void anUpsertInCopyOnWriteModeRewritesTheFiles() {
    catalog.dropTable(T, true);
    table = catalog.createTable(T, SCHEMA, Map.of(TableProperties.DELETE_MODE,
        TableProperties.DELETE_MODE_COPY_ON_WRITE));
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    table.newUpsert().key("id").addRecords(rows(8, 12, "u")).commit();
    assertThat(contents(table)).isEqualTo(expected(8, 12, "u", expected(0, 8, "a", new TreeMap<>())));
    assertThat(table.newScan().planFiles().toList()).allSatisfy(t ->
        assertThat(t.file().deletionVector()).isEmpty());
  }

  @Test
  void anUpsertTakesFilesAndIntoAnEmptyTableOnlyAdds() {
    table.newUpsert().key("id").addRecords(rows(0, 5, "a")).commit();
    DataFile file;
    try (DataWriter w = table.newDataWriter()) {
      rows(3, 7, "f").forEach(w::write);
      file = w.complete();
    }
    table.newUpsert().key("id").addFile(file).commit();
    assertThat(contents(table)).isEqualTo(expected(3, 7, "f", expected(0, 3, "a", new TreeMap<>())));
  }

  @Test
  void badUpsertsFailClearlyAndWriteNothing() throws IOException {
    table.newAppend().appendRecords(rows(0, 3, "a")).commit();
    long version = table.version();
    long files = dataFiles();
    List<Record> dup = rows(0, 3, "u");
    dup.add(GenericRecord.of(SCHEMA, 1L, "again", 2.0));
    assertThatThrownBy(() -> table.newUpsert().key("id").addRecords(dup).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("id=1").hasMessageContaining("more than once");
    assertThatThrownBy(() -> table.newUpsert().addRecords(rows(0, 1, "u")).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("needs a key");
    assertThatThrownBy(() -> table.newUpsert().key("nope")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'nope' is not in the schema");
    assertThatThrownBy(() -> table.newUpsert().key("score")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot be a key");
    assertThatThrownBy(() -> table.newUpsert().key("msg")
        .addRecords(List.of(GenericRecord.of(SCHEMA, 9L, null, 1.0))).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("null key");
    assertThatThrownBy(() -> table.newUpsert().key("id").commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("no rows");
    assertThat(table.refresh().version()).isEqualTo(version);
    assertThat(dataFiles()).isEqualTo(files);
  }

  @Test
  void anUpsertWhoseKeyLookupFailsLeavesNoFileBehind() throws IOException {
    table.newAppend().appendRecords(rows(0, 1000, "a")).commit();
    long version = table.version();
    // the new rows are written while the keys are looked up: a lookup that fails must not leave them behind
    Files.write(Path.of(onlyFile(table)), new byte[] {'P', 'A', 'R', '1', 0, 0, 0, 0, 'P', 'A', 'R', '1'});
    long files = dataFiles();
    assertThatThrownBy(() -> table.newUpsert().key("id").addRecords(rows(5, 10, "u")).commit())
        .isInstanceOf(CorruptTableException.class);
    assertThat(table.refresh().version()).isEqualTo(version);
    assertThat(dataFiles()).isEqualTo(files);
  }

  @Test
  void anUpsertConflictsWithAConcurrentAppendOfItsKeysOnlyWhenSerializable() {
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    var serializable = table.newUpsert().key("id").addRecords(rows(2, 3, "u"));
    var snapshot = catalog.loadTable(T).newUpsert().key("id").addRecords(rows(2, 3, "v"))
        .isolationLevel(IsolationLevel.SNAPSHOT);
    catalog.loadTable(T).newAppend().appendRecords(rows(2, 3, "c")).commit(); // the same key, meanwhile
    assertThatThrownBy(serializable::commit).isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("serializable");
    snapshot.commit();
    List<String> key2 = new ArrayList<>();
    table.refresh().newScan().records().forEach(r -> {
      if ((Long) r.get("id") == 2L) {
        key2.add((String) r.get("msg"));
      }
    });
    assertThat(key2).containsExactlyInAnyOrder("c2", "v2"); // snapshot isolation keeps the row added meanwhile
  }

  @Test
  void anUpsertOfOtherKeysDoesNotConflictWithAConcurrentAppend() {
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    var upsert = table.newUpsert().key("id").addRecords(rows(2, 3, "u"));
    catalog.loadTable(T).newAppend().appendRecords(rows(50, 60, "c")).commit();
    upsert.commit();
    Map<Long, String> want = expected(0, 10, "a", new TreeMap<>());
    want.put(2L, "u2");
    assertThat(contents(table)).isEqualTo(expected(50, 60, "c", want));
  }
}
