package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.partition.Transforms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Partitioned tables in Spark: {@code PARTITIONED BY} maps to a Snaplog spec and back; every write (append,
 * dynamic partition overwrite, row-level statements in both modes, streaming) puts each row in a file of its
 * partition under {@code data/<partition path>/} with the partition values Snaplog's planner prunes by.
 */
class PartitionedTableTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("partitioned");
  }

  private static Table api(String name) {
    return SharedSpark.api().loadTable(TableId.of(ns, name));
  }

  private static List<String> sparkRows(String sql) {
    return spark.sql(sql).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<DataFile> liveFiles(Table t) {
    return t.newScan().planFiles().toList().stream().map(FileScanTask::file).toList();
  }

  /**
   * Every live file is under {@code data/<its partition path>/}, names the current spec, and each row in it
   * (deleted ones included) has the file's partition values.
   *
   * @return the number of live files
   */
  private static int assertEveryFileHoldsOnlyItsPartition(Table t) {
    PartitionSpec spec = t.spec();
    Schema schema = t.schema();
    List<DataFile> files = liveFiles(t);
    for (DataFile f : files) {
      assertThat(f.specId()).isEqualTo(spec.specId());
      String path = spec.path(f.partition(), schema);
      assertThat(f.location()).contains("/data/" + path + "/");
      try (CloseableIterable<Record> rows = ParquetFormat.read(
          SharedSpark.storage().objects().newInputFile(f.location()), schema,
          schema, Expressions.alwaysTrue())) {
        for (Record r : rows) {
          assertThat(spec.path(spec.partition(r), schema)).as("row %s in %s", r, f.location()).isEqualTo(path);
        }
      }
    }
    return files.size();
  }

  @Test
  void partitionedBySqlReportsItsSpecAndWritesEachRowUnderItsPartition() throws Exception {
    String t = "snaplog." + ns + ".events";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, ts TIMESTAMP_NTZ, s STRING, cat STRING) USING snaplog"
        + " PARTITIONED BY (days(ts), bucket(16, id), truncate(4, s), cat)");
    Table created = api("events");
    assertThat(created.spec().toText(created.schema())).isEqualTo("day(ts), bucket(16, id), truncate(4, s), cat");
    TableCatalog catalog = (TableCatalog) spark.sessionState().catalogManager().catalog("snaplog");
    Transform[] reported = catalog.loadTable(Identifier.of(new String[] {ns}, "events")).partitioning();
    assertThat(Arrays.stream(reported).map(Transform::describe).toList())
        .containsExactly("days(ts)", "bucket(16, id)", "truncate(4, s)", "cat");

    String rows = "SELECT id, TIMESTAMP_NTZ'2026-01-01 10:00:00' + make_interval(0, 0, 0, CAST(id % 3 AS INT), 0,"
        + " CAST(id AS INT), 0) AS ts, concat('ab', id % 3, 'cdef') AS s, IF(id % 2 = 0, 'x', NULL) AS cat"
        + " FROM range(48)";
    spark.sql("INSERT INTO " + t + " " + rows);
    assertThat(sparkRows("SELECT * FROM " + t)).isEqualTo(sparkRows(rows));
    Table written = api("events");
    assertThat(SharedSpark.apiRows(written.id())).hasSize(48);
    assertThat(assertEveryFileHoldsOnlyItsPartition(written)).isGreaterThan(3);
    assertThat(liveFiles(written)).allSatisfy(f -> assertThat(f.partition()).containsKeys(1000, 1001, 1002, 1003));
    assertThat(SharedSpark.dataFilesOnDisk(written.id())).as("nothing directly in data/").isEmpty();
  }

  @Test
  void transformsSnaplogDoesNotHaveAreRefusedNamingThem() {
    String t = "snaplog." + ns + ".refused";
    assertThatThrownBy(() -> spark.sql("CREATE TABLE " + t + " (id BIGINT, s STRING) PARTITIONED BY (zorder(id))"))
        .hasMessageContaining("zorder").hasMessageContaining("bucket(N, c)").hasMessageContaining("truncate(W, c)");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE " + t + " (id BIGINT, s STRING) PARTITIONED BY (days(s))"))
        .hasMessageContaining("day(s)").hasMessageContaining("string");
    assertThat(SharedSpark.api().tableExists(TableId.of(ns, "refused"))).isFalse();
  }

  @Test
  void aFilterOnTheSourceColumnPlansOnlyTheFilesOfItsPartition() {
    String t = "snaplog." + ns + ".pruned";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, v STRING) PARTITIONED BY (bucket(4, id))");
    // one task: each of the four bucket files holds ids from all over 0..199, so stats cannot rule any out
    spark.sql("INSERT INTO " + t + " SELECT id, CAST(id AS STRING) FROM range(0, 200, 1, 1)");
    Table table = api("pruned");
    int bucketOf7 = (Integer) Transforms.bucket(4).apply(table.schema().findField("id").orElseThrow().type(), 7L);
    List<DataFile> all = liveFiles(table);
    long inBucket = all.stream().filter(f -> f.partition().get(1000).equals(bucketOf7)).count();
    assertThat(all).hasSize(4);
    assertThat(inBucket).isEqualTo(1);
    assertThat(table.newScan().filter(Expressions.equal("id", 7L)).planFiles().toList()).hasSize((int) inBucket);
    Dataset<Row> one = spark.sql("SELECT * FROM " + t + " WHERE id = 7");
    assertThat(one.javaRDD().getNumPartitions()).isEqualTo((int) inBucket);
    assertThat(one.collectAsList().stream().map(Row::toString).toList()).containsExactly("[7,7]");
  }

  @Test
  void aPartitionedWriterKeepsItsBoundOnOpenFiles() throws Exception {
    String t = "snaplog." + ns + ".bounded";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING) PARTITIONED BY (cat)"
        + " TBLPROPERTIES ('write.partitioned.max-open-files' = '2')");
    // one task whose rows cycle through three partitions: with two files open, each row finishes a file
    spark.sql("SELECT id, element_at(array('a', 'b', 'c'), CAST(id % 3 AS INT) + 1) AS cat FROM range(6)")
        .coalesce(1).writeTo(t).append();
    Table table = api("bounded");
    assertThat(assertEveryFileHoldsOnlyItsPartition(table)).isEqualTo(6);
    assertThat(sparkRows("SELECT * FROM " + t)).containsExactly("[0,a]", "[1,b]", "[2,c]", "[3,a]", "[4,b]",
        "[5,c]");
  }

  @Test
  void aFailedTaskAttemptLeavesNoneOfItsPartitionFiles() throws Exception {
    String t = "snaplog." + ns + ".retried";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL) PARTITIONED BY (bucket(8, id))"
        + " TBLPROPERTIES ('write.partitioned.max-open-files' = '1')");
    // partition 1 fails after ten rows on its first attempt, having finished several files because of the bound
    spark.range(0, 400, 1, 4).as(Encoders.LONG())
        .mapPartitions(new WriteFailureTest.FailingPartition(false, 0), Encoders.LONG()).toDF("id")
        .writeTo(t).append();
    Table table = api("retried");
    assertThat(SharedSpark.apiRows(table.id())).map(r -> (Long) r.get("id")).hasSize(400).doesNotHaveDuplicates();
    assertEveryFileHoldsOnlyItsPartition(table);
    Path data = SharedSpark.warehouse().resolve(ns).resolve("retried").resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      assertThat(files.filter(p -> p.toString().endsWith(".parquet")).map(p -> p.toUri().getPath()))
          .containsExactlyInAnyOrderElementsOf(SharedSpark.dataFilesInTable(table.id()));
    }
  }

  @Test
  void dynamicOverwriteReplacesOnlyThePartitionsWrittenInOneCommit() throws Exception {
    String t = "snaplog." + ns + ".dynamic";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING) PARTITIONED BY (cat)");
    spark.sql("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'a'), (3, 'b'), (4, 'b'), (5, 'c')");
    int snapshots = api("dynamic").snapshots().size();
    String mode = "spark.sql.sources.partitionOverwriteMode";
    spark.conf().set(mode, "dynamic");
    try {
      spark.sql("INSERT OVERWRITE " + t + " VALUES (30, 'b'), (40, 'd')");
    } finally {
      spark.conf().unset(mode);
    }
    assertThat(sparkRows("SELECT * FROM " + t)).containsExactly("[1,a]", "[2,a]", "[30,b]", "[40,d]", "[5,c]");
    Table after = api("dynamic");
    assertThat(after.snapshots()).hasSize(snapshots + 1);
    assertThat(after.currentSnapshot().orElseThrow().operation()).isEqualTo("overwrite");
    assertEveryFileHoldsOnlyItsPartition(after);

    String byDay = "snaplog." + ns + ".dynamic_days";
    spark.sql("CREATE TABLE " + byDay + " (id BIGINT NOT NULL, ts TIMESTAMP_NTZ) PARTITIONED BY (days(ts))");
    spark.sql("INSERT INTO " + byDay + " VALUES (1, TIMESTAMP_NTZ'2026-01-01 01:00'), (2, TIMESTAMP_NTZ'2026-01-01"
        + " 23:00'), (3, TIMESTAMP_NTZ'2026-01-02 12:00')");
    spark.sql("SELECT 9L AS id, TIMESTAMP_NTZ'2026-01-01 05:00' AS ts").writeTo(byDay).overwritePartitions();
    assertThat(sparkRows("SELECT id FROM " + byDay)).containsExactly("[3]", "[9]");
    assertEveryFileHoldsOnlyItsPartition(api("dynamic_days"));
  }

  /** Rows 0..39: {@code cat} is a, b or c by {@code id % 3}, {@code v = id}. */
  private static String rowLevelTable(String name, String mode) {
    String t = "snaplog." + ns + "." + name;
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING, v BIGINT) PARTITIONED BY (cat, bucket(2, id))"
        + " TBLPROPERTIES ('write.delete.mode' = '" + mode + "', 'write.update.mode' = '" + mode + "',"
        + " 'write.merge.mode' = '" + mode + "')");
    spark.sql("INSERT INTO " + t + " SELECT id, element_at(array('a', 'b', 'c'), CAST(id % 3 AS INT) + 1), id"
        + " FROM range(40)");
    return t;
  }

  @ParameterizedTest
  @ValueSource(strings = {"merge-on-read", "copy-on-write"})
  void deleteUpdateAndMergeKeepRowsInTheirPartitions(String mode) {
    String name = "rowlevel_" + mode.replace('-', '_');
    String t = rowLevelTable(name, mode);
    TreeMap<Long, String> model = new TreeMap<>(); // id -> "cat,v"
    for (long id = 0; id < 40; id++) {
      model.put(id, "abc".charAt((int) (id % 3)) + "," + id);
    }

    spark.sql("DELETE FROM " + t + " WHERE v % 5 = 0"); // not a Snaplog filter: a row-level operation
    model.keySet().removeIf(id -> id % 5 == 0);
    spark.sql("UPDATE " + t + " SET cat = 'z', v = v + 1000 WHERE id < 10"); // rows move to another partition
    for (long id = 0; id < 10; id++) {
      model.computeIfPresent(id, (k, old) -> "z," + (k + 1000));
    }
    spark.sql("MERGE INTO " + t + " AS tgt USING (SELECT id, IF(id = 11, 'd', 'u') AS op FROM range(11, 13)"
        + " UNION ALL SELECT 100L, 'i') AS s ON tgt.id = s.id"
        + " WHEN MATCHED AND s.op = 'd' THEN DELETE"
        + " WHEN MATCHED THEN UPDATE SET cat = 'm', v = -1"
        + " WHEN NOT MATCHED THEN INSERT (id, cat, v) VALUES (s.id, 'n', 100)");
    model.remove(11L);
    model.put(12L, "m,-1");
    model.put(100L, "n,100");

    List<String> expected = model.entrySet().stream().map(e -> "[" + e.getKey() + "," + e.getValue() + "]")
        .sorted().toList();
    assertThat(sparkRows("SELECT * FROM " + t)).isEqualTo(expected);
    Table table = api(name);
    assertThat(SharedSpark.apiRows(table.id()).stream().map(r -> "[" + r.get("id") + "," + r.get("cat") + ","
        + r.get("v") + "]").sorted().toList()).isEqualTo(expected);
    assertEveryFileHoldsOnlyItsPartition(table);
  }

  @Test
  void aTablePartitionedThroughTheApiReadsAndWritesInSpark() {
    Schema schema = Schema.parse("id long not null, ts timestamp, name string");
    TableId id = TableId.of(ns, "from_api");
    Table table = SharedSpark.api().createTable(id, schema, PartitionSpec.parse("month(ts), truncate(2, name)",
        schema), Map.of());
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 6; i++) {
      rows.add(GenericRecord.of(schema, i, LocalDateTime.of(2026, 1 + (int) (i % 2), 5, 0, 0), "n" + i % 3 + "x"));
    }
    table.newAppend().appendRecords(rows).commit();
    String t = "snaplog." + id;
    assertThat(sparkRows("SELECT id, CAST(ts AS STRING), name FROM " + t)).containsExactly(
        "[0,2026-01-05 00:00:00,n0x]", "[1,2026-02-05 00:00:00,n1x]", "[2,2026-01-05 00:00:00,n2x]",
        "[3,2026-02-05 00:00:00,n0x]", "[4,2026-01-05 00:00:00,n1x]", "[5,2026-02-05 00:00:00,n2x]");
    assertThat(sparkRows("SHOW CREATE TABLE " + t).get(0)).contains("PARTITIONED BY (months(ts), truncate(2, name))");

    spark.sql("INSERT INTO " + t + " VALUES (10, TIMESTAMP_NTZ'2026-03-01 00:00', 'n9y')");
    spark.sql("SELECT 11L AS id, TIMESTAMP_NTZ'2026-04-01 00:00' AS ts, 'n8z' AS name").write().format("snaplog")
        .mode("append").save(table.location()); // by location: the data source reports the same partitioning
    Table after = api("from_api");
    assertThat(SharedSpark.apiRows(id)).hasSize(8);
    assertThat(after.newScan().filter(Expressions.equal("name", "n9y")).planFiles().toList()).hasSize(1);
    assertEveryFileHoldsOnlyItsPartition(after);
  }

  @Test
  void aStreamWritesEachMicroBatchIntoPartitions() throws Exception {
    String t = "snaplog." + ns + ".stream";
    spark.sql("CREATE TABLE " + t + " (id BIGINT) PARTITIONED BY (bucket(3, id))");
    Path dir = Files.createTempDirectory(SharedSpark.warehouse().getParent(), "partitioned-stream-");
    Path input = Files.createDirectories(dir.resolve("in"));
    Files.writeString(input.resolve("part-0.json"), "{\"id\": 1}\n{\"id\": 2}\n{\"id\": 3}\n{\"id\": 4}\n");
    spark.readStream().schema("id BIGINT").json(input.toString())
        .writeStream().option("checkpointLocation", dir.resolve("cp").toString()).trigger(Trigger.AvailableNow())
        .toTable(t).awaitTermination();
    assertThat(sparkRows("SELECT * FROM " + t)).containsExactly("[1]", "[2]", "[3]", "[4]");
    assertThat(assertEveryFileHoldsOnlyItsPartition(api("stream"))).isGreaterThan(1);
  }
}
