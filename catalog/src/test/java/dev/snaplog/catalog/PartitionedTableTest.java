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
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.partition.Transforms;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Partitioned tables: create with a spec, writers fan out, spec evolution, pruning by partition values. */
class PartitionedTableTest extends LocalWarehouseTest {
  private static final TableId T = TableId.of("db", "events");
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");


  private Table create(String spec) {
    return catalog.createTable(T, SCHEMA, PartitionSpec.parse(spec, SCHEMA), Map.of());
  }

  private static Record row(Table t, long id, Instant ts) {
    return GenericRecord.of(t.schema(), id, ts, "m" + id);
  }

  private List<DataFile> liveFiles(Table t) {
    return t.newScan().planFiles().toList().stream().map(FileScanTask::file).toList();
  }

  @Test
  void appendRecordsWritesOneFilePerPartitionUnderItsPath() throws IOException {
    Table t = create("day(ts), bucket(4, id)");
    assertThat(t.spec().fields()).extracting(PartitionSpec.Field::fieldId).containsExactly(1000, 1001);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      rows.add(row(t, i, DAY0.plus(i % 3, ChronoUnit.DAYS).plusSeconds(i)));
    }
    t.newAppend().appendRecords(rows).commit();
    List<DataFile> files = liveFiles(t.refresh());
    Set<Map<Integer, Object>> partitions = files.stream().map(DataFile::partition).collect(Collectors.toSet());
    assertThat(partitions).hasSize(files.size());
    assertThat(files).allSatisfy(f -> {
      assertThat(f.specId()).isZero();
      assertThat(f.partition().keySet()).containsExactly(1000, 1001);
      LocalDate day = (LocalDate) f.partition().get(1000);
      assertThat(f.location()).contains("/data/ts_day=" + day + "/id_bucket=" + f.partition().get(1001) + "/");
    });
    assertThat(t.newScan().records().toList()).hasSize(40);
    long expectedBuckets = rows.stream().map(r -> List.of(
        ((Instant) r.get("ts")).truncatedTo(ChronoUnit.DAYS),
        Transforms.fromString("bucket[4]").apply(Type.LONG, r.get("id")))).distinct().count();
    assertThat(files).hasSize((int) expectedBuckets);
    // the log names partition values by partition field id
    try (Stream<Path> logs = Files.list(dir.resolve("warehouse/db/events/log"))) {
      String log = Files.readString(logs.findFirst().orElseThrow());
      assertThat(log).contains("\"partition\":{\"1000\":\"2026-01-0").contains("\"1001\":");
    }
    assertThat(t.verify(true).problems()).isEmpty();
  }

  @Test
  void theTablesDataWriterFansOutAndCompleteFilesReturnsEveryFile() {
    Table t = create("day(ts)");
    try (DataWriter w = t.newDataWriter()) {
      w.write(row(t, 1, DAY0));
      w.write(row(t, 2, DAY0.plus(1, ChronoUnit.DAYS)));
      List<DataFile> files = w.completeFiles();
      assertThat(files).hasSize(2);
      var append = t.newAppend();
      files.forEach(append::appendFile);
      append.commit();
    }
    assertThat(t.refresh().newScan().records().toList()).hasSize(2);
    try (DataWriter w = t.newDataWriter()) {
      w.write(row(t, 3, DAY0));
      w.write(row(t, 4, DAY0.plus(2, ChronoUnit.DAYS)));
      assertThatThrownBy(w::complete).isInstanceOf(ValidationException.class).hasMessageContaining("completeFiles");
    }
  }

  @Test
  void aFileWithoutTheSpecsPartitionValuesIsRefused() {
    Table t = create("day(ts)");
    DataFile unpartitioned;
    try (DataWriter w = t.newDataWriter()) {
      w.write(row(t, 1, DAY0));
      unpartitioned = w.complete().withPartition(0, Map.of());
    }
    assertThatThrownBy(() -> t.newAppend().appendFile(unpartitioned)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("partition");
    DataFile unknownSpec = unpartitioned.withPartition(7, Map.of());
    assertThatThrownBy(() -> t.newAppend().appendFile(unknownSpec)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec 7");
  }

  @Test
  void createRefusesASpecOnAColumnTheSchemaLacksAndWritesNothing() {
    PartitionSpec other = PartitionSpec.parse("day(created)", Schema.parse("id long, created timestamptz"));
    Schema noTimestamp = Schema.parse("id long, created string");
    assertThatThrownBy(() -> catalog.createTable(T, noTimestamp, other, Map.of()))
        .isInstanceOf(ValidationException.class);
    assertThat(catalog.tableExists(T)).isFalse();
    assertThatThrownBy(() -> PartitionSpec.parse("hour(id)", SCHEMA)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> PartitionSpec.parse("week(ts)", SCHEMA)).isInstanceOf(ValidationException.class);
  }

  @Test
  void newDataUsesTheNewSpecAndOldFilesKeepTheirs() {
    Table t = create("day(ts)");
    t.newAppend().appendRecords(List.of(row(t, 1, DAY0), row(t, 2, DAY0.plus(1, ChronoUnit.DAYS)))).commit();
    long version = t.refresh().version();
    PartitionSpec next = t.updateSpec().addField("bucket(8, id)").removeField("ts_day").commit();
    assertThat(t.refresh().version()).isEqualTo(version + 1);
    assertThat(next.specId()).isEqualTo(1);
    assertThat(next.fields()).extracting(PartitionSpec.Field::fieldId).containsExactly(1001);
    assertThat(t.spec()).isEqualTo(next);
    assertThat(t.specs()).containsOnlyKeys(0, 1);

    t.newAppend().appendRecords(List.of(row(t, 3, DAY0), row(t, 4, DAY0))).commit();
    List<DataFile> files = liveFiles(t.refresh());
    assertThat(files.stream().filter(f -> f.specId() == 0)).hasSize(2);
    assertThat(files.stream().filter(f -> f.specId() == 1)).allSatisfy(f ->
        assertThat(f.partition().keySet()).containsExactly(1001));
    // each file is pruned under its own spec: day(ts) prunes the old files, bucket(8, id) the new ones
    assertThat(t.newScan().filter(Expressions.equal("id", 3L)).planFiles().toList())
        .allSatisfy(task -> assertThat(task.file().specId()).isEqualTo(1));
    assertThat(t.newScan().filter(Expressions.and(Expressions.equal("id", 2L),
        Expressions.greaterThanOrEqual("ts", DAY0.plus(1, ChronoUnit.DAYS)))).records().toList())
        .extracting(r -> r.get("id")).containsExactly(2L);

    // going back to the first layout reuses spec 0
    assertThat(t.updateSpec().removeField("id_bucket").addField("day(ts)").commit().specId()).isZero();
    assertThat(t.refresh().specs()).containsOnlyKeys(0, 1);
    // a column a spec uses cannot be dropped while any spec reads it
    long v = t.version();
    assertThatThrownBy(() -> t.updateSchema().deleteColumn("id")).isInstanceOf(ValidationException.class);
    assertThat(catalog.loadTable(T).version()).isEqualTo(v);
    assertThatThrownBy(() -> t.updateSpec().removeField("nope")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> t.updateSpec().addField("truncate(4, ts)")).isInstanceOf(ValidationException.class);
  }

  @Test
  void aConcurrentSpecChangeConflictsWithASchemaChange() {
    Table t = create("day(ts)");
    var spec = t.updateSpec().addField("bucket(4, id)");
    catalog.loadTable(T).updateSchema().addColumn("x", Type.INT).commit();
    assertThatThrownBy(spec::commit).isInstanceOf(CommitConflictException.class);
    assertThat(catalog.loadTable(T).spec().fields()).hasSize(1);
  }

  @Test
  void deletesAndCompactionKeepEachFileInItsPartition() {
    Table t = create("day(ts)");
    for (int round = 0; round < 3; round++) {
      List<Record> rows = new ArrayList<>();
      for (int d = 0; d < 2; d++) {
        rows.add(row(t, round * 10 + d, DAY0.plus(d, ChronoUnit.DAYS)));
      }
      t.newAppend().appendRecords(rows).commit();
    }
    t.refresh().newDelete().deleteWhere(Expressions.equal("id", 0L)).commit();
    t.refresh().updateSpec().addField("bucket(2, id)").commit(); // compaction writes each partition under its spec
    t.refresh().newRewrite().commit();
    List<DataFile> files = liveFiles(t.refresh());
    assertThat(files).hasSize(2).allSatisfy(f -> assertThat(f.specId()).isZero());
    assertThat(t.newScan().records().toList()).extracting(r -> r.get("id"))
        .containsExactlyInAnyOrder(1L, 10L, 11L, 20L, 21L);
  }

  @Test
  void aOneDayFilterPlansOnlyThatDaysFilesOfAThousandOverAHundredDays() {
    Table t = create("day(ts)");
    Table flat = catalog.createTable(TableId.of("db", "flat"), SCHEMA, Map.of());
    for (int round = 0; round < 10; round++) {
      List<Record> rows = new ArrayList<>();
      for (int day = 0; day < 100; day++) {
        rows.add(row(t, round * 1000L + day, DAY0.plus(day, ChronoUnit.DAYS).plusSeconds(round)));
      }
      t.newAppend().appendRecords(rows).commit();
      for (Record r : rows) { // the same rows, a file each, into an unpartitioned table
        flat.newAppend().appendRecords(List.of(r)).commit();
      }
    }
    assertThat(liveFiles(t.refresh())).hasSize(1_000);
    assertThat(liveFiles(flat.refresh())).hasSize(1_000);
    Instant day = DAY0.plus(42, ChronoUnit.DAYS);
    var oneDay = Expressions.and(Expressions.greaterThanOrEqual("ts", day),
        Expressions.lessThan("ts", day.plus(1, ChronoUnit.DAYS)));
    List<FileScanTask> planned = t.newScan().filter(oneDay).planFiles().toList();
    assertThat(planned).hasSize(10).allSatisfy(task ->
        assertThat(task.file().partition()).containsEntry(1000, LocalDate.of(2026, 2, 12)));

    // planning from a new catalog reads no more objects for the partitioned table than for the flat one
    long[] reads = new long[2];
    for (int i = 0; i < 2; i++) {
      CountingStorage counting = new CountingStorage(Catalogs.openStorage(dir.resolve("warehouse").toString(),
          Map.of()));
      Table fresh = WarehouseCatalog.of(counting.storage(), Map.of()).loadTable(i == 0 ? T : flat.id());
      counting.reset();
      assertThat(fresh.newScan().filter(oneDay).planFiles().toList()).hasSize(10);
      reads[i] = counting.ops().size();
    }
    assertThat(reads[0]).as("objects read planning the partitioned table").isPositive()
        .isLessThanOrEqualTo(reads[1]);
  }

  @Test
  void partitionValuesPruneWhereStatsCannot() {
    Table t = create("bucket(16, id)");
    Random random = new Random(7);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      rows.add(row(t, random.nextInt(2_000_000) - 1_000_000, DAY0)); // ids on both sides of 5 in every bucket
    }
    t.newAppend().appendRecords(rows).commit();
    List<DataFile> files = liveFiles(t.refresh());
    assertThat(files).hasSize(16);
    Object bucket = Transforms.fromString("bucket[16]").apply(Type.LONG, 5L);
    // every file's id range covers 5, so stats alone would keep all 16
    assertThat(files).allSatisfy(f -> {
      assertThat((Long) f.columnStats().get(1).min().orElseThrow()).isLessThan(5L);
      assertThat((Long) f.columnStats().get(1).max().orElseThrow()).isGreaterThan(5L);
    });
    assertThat(t.newScan().filter(Expressions.equal("id", 5L)).planFiles().toList())
        .extracting(task -> task.file().partition().get(1000)).containsExactly(bucket);
  }
}
