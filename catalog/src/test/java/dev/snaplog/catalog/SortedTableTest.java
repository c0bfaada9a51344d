package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tables with a sort order: every writer the table hands out sorts each file's rows, compaction writes sorted
 * runs cut into files of disjoint ranges (which a point filter then skips), and sort order changes commit,
 * conflict and refuse bad input like partition spec changes.
 */
class SortedTableTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string,"
      + " tags list<string>");
  private static final TableId T = TableId.of("db", "sorted");
  private static final TableId U = TableId.of("db", "unsorted");
  private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");

  private final LocalObjectStore store = new LocalObjectStore();

  private Table create(TableId id, String sortBy, String partitionBy, Map<String, String> props) {
    return catalog.createTable(id, SCHEMA, PartitionSpec.parse(partitionBy, SCHEMA), SortOrder.parse(sortBy, SCHEMA),
        props);
  }

  private static Record row(Schema schema, long id) {
    Map<String, Object> values = new java.util.HashMap<>(Map.of("id", id, "ts", DAY0.plusSeconds(3_600 * (id % 48)),
        "tags", List.of("t" + id)));
    values.put("msg", id % 5 == 0 ? null : "m" + id);
    values.put("event_time", values.get("ts")); // ts after its rename
    values.keySet().retainAll(schema.columnNames()); // the schema may have lost or renamed a column
    return GenericRecord.fromMap(schema, values);
  }

  private static List<Record> shuffled(Schema schema, long from, long to, long seed) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(row(schema, id));
    }
    Collections.shuffle(out, new Random(seed));
    return out;
  }

  private List<DataFile> files(Table t) {
    return t.refresh().newScan().planFiles().toList().stream().map(FileScanTask::file).toList();
  }

  private List<Record> read(Table t, DataFile f) {
    return ParquetFormat.read(store.newInputFile(f.location()), t.schema(), t.schema(), Expressions.alwaysTrue())
        .toList();
  }

  private void assertEachFileSorted(Table t, List<DataFile> files) {
    Comparator<Record> order = t.sortOrder().comparator(t.schema());
    for (DataFile f : files) {
      List<Record> rows = read(t, f);
      for (int i = 1; i < rows.size(); i++) {
        assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("%s rows %d and %d", f.location(), i - 1, i)
            .isLessThanOrEqualTo(0);
      }
    }
  }

  private static List<Long> ids(Table t) {
    return t.refresh().newScan().records().toList().stream().map(r -> (Long) r.get("id")).sorted().toList();
  }

  @Test
  void appendsDataWritersAndPartitionedWritersSortEachFile() {
    Table t = create(T, "msg desc nulls first, id", "", Map.of());
    assertThat(t.sortOrder().toText(t.schema())).isEqualTo("msg desc nulls first, id");
    assertThat(t.sortOrder().orderId()).isEqualTo(1);
    t.newAppend().appendRecords(shuffled(t.schema(), 0, 300, 1)).commit();
    try (DataWriter w = t.newDataWriter()) {
      shuffled(t.schema(), 300, 400, 2).forEach(w::write);
      t.newAppend().appendFile(w.complete()).commit();
    }
    assertThat(files(t)).hasSize(2);
    assertEachFileSorted(t, files(t));

    Table p = create(TableId.of("db", "byday"), "id desc", "day(ts)", Map.of());
    p.newAppend().appendRecords(shuffled(p.schema(), 0, 500, 3)).commit();
    List<DataFile> parts = files(p);
    assertThat(parts).hasSize(2); // two days
    assertEachFileSorted(p, parts);
    assertThat(ids(p)).hasSize(500);
  }

  @Test
  void theSortBufferBoundsRowsHeldAndEveryFileIsStillSorted() {
    Table t = create(T, "id", "", Map.of(TableProperties.SORT_BUFFER_ROWS, "50"));
    t.newAppend().appendRecords(shuffled(t.schema(), 0, 230, 4)).commit();
    List<DataFile> files = files(t);
    assertThat(files).extracting(DataFile::recordCount).containsExactlyInAnyOrder(50L, 50L, 50L, 50L, 30L);
    assertEachFileSorted(t, files);
    assertThat(ids(t)).hasSize(230).doesNotHaveDuplicates();

    assertThatThrownBy(() -> create(U, "", "", Map.of(TableProperties.SORT_BUFFER_ROWS, "0")))
        .isInstanceOf(ValidationException.class).hasMessageContaining(TableProperties.SORT_BUFFER_ROWS);
  }

  @Test
  void compactionOfASortedTableWritesFilesOfDisjointRangesThatAPointFilterSkips() {
    Table sorted = create(T, "id", "", Map.of());
    Table unsorted = create(U, "", "", Map.of());
    for (int round = 0; round < 12; round++) {
      // every append spans the whole id range, so no appended file can be skipped for a point filter
      List<Record> rows = shuffled(SCHEMA, 0, 3_000, round).subList(0, 250);
      sorted.newAppend().appendRecords(rows).commit();
      unsorted.newAppend().appendRecords(rows).commit();
    }
    assertEachFileSorted(sorted, files(sorted));
    long bytes = files(unsorted).stream().mapToLong(DataFile::fileSizeBytes).sum();
    long target = bytes / 3; // about three files' worth of rows
    sorted.newRewrite().targetFileSizeBytes(target).commit();
    unsorted.newRewrite().targetFileSizeBytes(target).commit();

    List<DataFile> sortedFiles = files(sorted);
    List<DataFile> unsortedFiles = files(unsorted);
    assertThat(sortedFiles.size()).isGreaterThanOrEqualTo(3);
    assertThat(unsortedFiles.size()).isGreaterThanOrEqualTo(3);
    assertEachFileSorted(sorted, sortedFiles);
    assertThat(ids(sorted)).isEqualTo(ids(unsorted)).hasSize(3_000);

    // a point filter: files whose id range may hold it are opened
    int sortedOpened = 0;
    int unsortedOpened = 0;
    for (long probe = 17; probe < 3_000; probe += 331) {
      sortedOpened += sorted.newScan().filter(Expressions.equal("id", probe)).planFiles().toList().size();
      unsortedOpened += unsorted.newScan().filter(Expressions.equal("id", probe)).planFiles().toList().size();
    }
    assertThat(sortedOpened).as("files opened on the sorted table").isLessThanOrEqualTo(10 + 1);
    assertThat(unsortedOpened).as("files opened on the unsorted table").isGreaterThanOrEqualTo(10 * 3);
    assertThat(sorted.verify(true).problems()).isEmpty();
  }

  @Test
  void rowsDeletedWhileASortedCompactionRunsStayDeleted() {
    Table t = create(T, "id desc", "", Map.of());
    for (int i = 0; i < 5; i++) {
      t.newAppend().appendRecords(shuffled(t.schema(), i * 10, i * 10 + 10, i)).commit();
    }
    t.newDelete().deleteWhere(Expressions.equal("id", 12L)).commit(); // read by the rewrite: not written
    var rewrite = t.newRewrite();
    Table other = catalog.loadTable(T);
    other.newDelete().deleteWhere(Expressions.in("id", 3L, 11L, 13L, 49L)).commit(); // after it read the table
    rewrite.commit();
    List<Long> want = new ArrayList<>();
    for (long id = 0; id < 50; id++) {
      want.add(id);
    }
    want.removeAll(List.of(3L, 11L, 12L, 13L, 49L));
    assertThat(ids(t)).isEqualTo(want); // the sort moved every row: positions were carried over where they went
    assertThat(files(t)).singleElement().satisfies(f -> {
      assertThat(f.recordCount()).isEqualTo(49);
      assertThat(f.liveRecordCount()).isEqualTo(45);
    });
    assertEachFileSorted(t, files(t));
    assertThat(t.verify(true).problems()).isEmpty();
  }

  @Test
  void replacingTheSortOrderCommitsOnceAndReusesAnEarlierOrder() {
    Table t = create(T, "", "", Map.of());
    assertThat(t.sortOrder().isUnsorted()).isTrue();
    long v = t.version();
    SortOrder byTs = t.replaceSortOrder().desc("ts").asc("id", SortOrder.NullOrder.NULLS_LAST).commit();
    assertThat(byTs.orderId()).isEqualTo(1);
    assertThat(t.refresh().version()).isEqualTo(v + 1);
    assertThat(catalog.loadTable(T).sortOrder()).isEqualTo(byTs);
    assertThat(t.sortOrder().toText(t.schema())).isEqualTo("ts desc, id asc nulls last");

    assertThat(t.replaceSortOrder().desc("ts").asc("id", SortOrder.NullOrder.NULLS_LAST).commit()).isEqualTo(byTs);
    assertThat(t.refresh().version()).isEqualTo(v + 1); // the same order again commits nothing

    t.replaceSortOrder().asc("msg").commit();
    assertThat(t.refresh().sortOrder().orderId()).isEqualTo(2);
    t.replaceSortOrder().commit(); // no column: unsorted
    assertThat(t.refresh().sortOrder()).isEqualTo(SortOrder.UNSORTED);
    assertThat(t.replaceSortOrder().desc("ts").asc("id", SortOrder.NullOrder.NULLS_LAST).commit()).isEqualTo(byTs);
    assertThat(t.refresh().sortOrders()).containsOnlyKeys(0, 1, 2);

    t.newAppend().appendRecords(shuffled(t.schema(), 0, 100, 5)).commit();
    assertEachFileSorted(t, files(t));
  }

  @Test
  void concurrentSortOrderAndLayoutChangesConflict() {
    Table t = create(T, "id", "", Map.of());
    var mine = t.replaceSortOrder().desc("ts");
    catalog.loadTable(T).replaceSortOrder().asc("msg").commit();
    assertThatThrownBy(mine::commit).isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("sort order");
    assertThat(catalog.loadTable(T).sortOrder().toText(SCHEMA)).isEqualTo("msg");

    var spec = t.refresh().updateSpec().addField("day(ts)");
    catalog.loadTable(T).replaceSortOrder().asc("id").commit();
    assertThatThrownBy(spec::commit).isInstanceOf(CommitConflictException.class);

    var sort = t.refresh().replaceSortOrder().asc("ts");
    catalog.loadTable(T).updateSchema().addColumn("extra", dev.snaplog.core.types.Type.INT).commit();
    assertThatThrownBy(sort::commit).isInstanceOf(CommitConflictException.class);
    assertThat(catalog.loadTable(T).sortOrder().toText(SCHEMA)).isEqualTo("id");

    // appends never conflict with a sort order change: their files just keep the order they were written in
    var append = t.refresh().newAppend().appendRecords(shuffled(t.schema(), 0, 20, 6));
    catalog.loadTable(T).replaceSortOrder().desc("id").commit();
    append.commit();
    assertThat(ids(t)).hasSize(20);
  }

  @Test
  void badSortColumnsAndDroppingASortColumnAreRefusedAndLeaveTheTableAsItWas() {
    Table t = create(T, "ts desc, id", "", Map.of());
    t.newAppend().appendRecords(shuffled(t.schema(), 0, 10, 7)).commit();
    long v = t.refresh().version();
    assertThatThrownBy(() -> t.replaceSortOrder().asc("nope")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown column 'nope'").hasMessageContaining("db.sorted");
    assertThatThrownBy(() -> t.replaceSortOrder().desc("tags")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'tags' is a list");
    assertThatThrownBy(() -> t.updateSchema().deleteColumn("ts").commit()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Cannot drop column 'ts'").hasMessageContaining("sort order")
        .hasMessageContaining("change the sort order first");
    assertThatThrownBy(() -> create(U, "tags", "", Map.of())).isInstanceOf(ValidationException.class);
    assertThat(catalog.tableExists(U)).isFalse();
    Table reloaded = catalog.loadTable(T);
    assertThat(reloaded.version()).isEqualTo(v);
    assertThat(reloaded.schema()).isEqualTo(t.schema());
    assertThat(reloaded.sortOrder().toText(reloaded.schema())).isEqualTo("ts desc, id");

    // a rename keeps the order (by field id); the column can be dropped once the order no longer uses it
    t.updateSchema().renameColumn("ts", "event_time").commit();
    assertThat(t.refresh().sortOrder().toText(t.schema())).isEqualTo("event_time desc, id");
    t.newAppend().appendRecords(shuffled(t.schema(), 10, 60, 8)).commit();
    assertEachFileSorted(t, files(t));
    t.replaceSortOrder().asc("id").commit();
    t.refresh().updateSchema().deleteColumn("event_time").commit();
    assertThat(t.refresh().schema().findField("event_time")).isEmpty();
    assertThat(ids(t)).hasSize(60);
  }
}
