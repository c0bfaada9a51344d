package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} from Spark SQL: Spark and Snaplog's API see the same
 * rows and the same snapshots afterwards, each statement is one commit, in either mode, and a concurrent change
 * to the files a copy-on-write statement read fails it with the typed conflict and leaves nothing of it behind.
 * Merge-on-read against a model, and its conflicts: {@link MergeOnReadTest}.
 */
class RowLevelTest {
  private static SparkSession spark;
  private static String ns;
  /** What the UDF {@code interfere} does the first time a task calls it, then forgets. */
  private static final AtomicReference<Runnable> INTERFERENCE = new AtomicReference<>();

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("rowlevel");
    spark.udf().register("interfere", (UDF1<Long, Long>) v -> {
      Runnable r = INTERFERENCE.getAndSet(null);
      if (r != null) {
        r.run();
      }
      return v;
    }, DataTypes.LongType);
  }

  /**
   * A table {@code (id BIGINT NOT NULL, v BIGINT, note STRING)} of ids 0..39, in four files of ten rows, whose
   * {@code DELETE}, {@code UPDATE} and {@code MERGE} all run in {@code mode}.
   */
  private static String table(String name, String mode) {
    return tableWith(name, Map.of("write.delete.mode", mode, "write.update.mode", mode, "write.merge.mode", mode));
  }

  /**
   * As {@link #table}, with the table properties {@code properties}; written through Snaplog's API, which keeps
   * the setup free of Spark jobs (Spark's appends are tested in {@link ReadWriteTest}).
   */
  private static String tableWith(String name, Map<String, String> properties) {
    Table table = SharedSpark.api().createTable(TableId.of(ns, name),
        Schema.parse("id long not null, v long, note string"), properties);
    for (long f = 0; f < 4; f++) {
      List<Record> rows = new ArrayList<>();
      for (long id = f * 10; id < (f + 1) * 10; id++) {
        rows.add(GenericRecord.of(table.schema(), id, id * 10, "n" + id));
      }
      table.newAppend().appendRecords(rows).commit();
    }
    return "snaplog." + ns + "." + name;
  }

  private static Table api(String name) {
    return SharedSpark.api().loadTable(TableId.of(ns, name));
  }

  private static List<String> sparkRows(String t) {
    return spark.table(t).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> apiRows(String name) {
    return SharedSpark.apiRows(TableId.of(ns, name)).stream()
        .map(r -> "[" + r.get("id") + "," + r.get("v") + "," + r.get("note") + "]").sorted().toList();
  }

  /** The expected rows: ids 0..39 as written, with {@code change} applied (null drops the row). */
  private static List<String> expected(java.util.function.LongFunction<String> change) {
    List<String> out = new ArrayList<>();
    for (long id = 0; id < 40; id++) {
      String row = change.apply(id);
      if (row != null) {
        out.add(row);
      }
    }
    return out.stream().sorted().toList();
  }

  private static String row(long id) {
    return "[" + id + "," + id * 10 + ",n" + id + "]";
  }

  @Test
  void deleteWithAConditionSnaplogAppliesWritesDeletionVectors() {
    String t = table("dv", "merge-on-read");
    int files = SharedSpark.dataFilesInTable(TableId.of(ns, "dv")).size();
    spark.sql("DELETE FROM " + t + " WHERE id % 2 = 0 AND id < 15"); // not translatable: a row delta
    spark.sql("DELETE FROM " + t + " WHERE id IN (21, 23) OR note = 'n35'"); // Snaplog's own delete
    List<String> expected = expected(id -> (id < 15 && id % 2 == 0) || id == 21 || id == 23 || id == 35 ? null
        : row(id));
    assertThat(sparkRows(t)).isEqualTo(expected);
    assertThat(apiRows("dv")).isEqualTo(expected);
    Table after = api("dv");
    Snapshot delete = after.currentSnapshot().orElseThrow();
    assertThat(delete.operation()).isEqualTo("delete");
    assertThat(after.snapshots().get(1).operation()).isEqualTo("row-delta");
    // the delete kept the files of ids 20..39 and gave them deletion vectors
    assertThat(after.newScan().planFiles().toList()).hasSize(files)
        .anyMatch(task -> task.file().deletionVector().isPresent());
    assertThat(spark.sql("SELECT count(*) FROM " + t).first().getLong(0)).isEqualTo(expected.size());
    assertThat(spark.sql("SELECT count(*) FROM " + t + " WHERE id > 20").first().getLong(0)).isEqualTo(16);

    spark.sql("DELETE FROM " + t);
    assertThat(sparkRows(t)).isEmpty();
    assertThat(apiRows("dv")).isEmpty();
  }

  @Test
  void deleteKeepsSparksThreeValuedLogic() {
    String t = table("nulls", "merge-on-read");
    spark.sql("UPDATE " + t + " SET v = NULL WHERE id < 5");
    spark.sql("DELETE FROM " + t + " WHERE NOT (id IN (1, NULL))"); // unknown for every row: deletes none
    spark.sql("DELETE FROM " + t + " WHERE v <> 100"); // unknown where v is null: keeps ids 0..4
    List<String> expected = expected(id -> id < 5 ? "[" + id + ",null,n" + id + "]" : id == 10 ? row(id) : null);
    assertThat(sparkRows(t)).isEqualTo(expected);
    assertThat(apiRows("nulls")).isEqualTo(expected);
  }

  @Test
  void statementsOnATableWithoutRowsChangeNothing() {
    String t = "snaplog." + ns + ".empty";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, v BIGINT, note STRING)");
    spark.sql("DELETE FROM " + t + " WHERE id = 1");
    spark.sql("DELETE FROM " + t + " WHERE note LIKE 'x%'");
    spark.sql("UPDATE " + t + " SET v = 1 WHERE id > 0");
    spark.sql("INSERT OVERWRITE " + t + " SELECT id, id, 'x' FROM range(0)");
    assertThat(api("empty").currentSnapshot()).isEmpty();
    spark.sql("MERGE INTO " + t + " t USING (SELECT 7L AS id) s ON t.id = s.id"
        + " WHEN NOT MATCHED THEN INSERT (id, v, note) VALUES (s.id, 0, 'merged')");
    assertThat(sparkRows(t)).containsExactly("[7,0,merged]");
    assertThat(apiRows("empty")).containsExactly("[7,0,merged]");
  }

  @Test
  void deleteOnACopyOnWriteTableRewritesFiles() {
    String t = table("cow", "copy-on-write");
    spark.sql("DELETE FROM " + t + " WHERE id BETWEEN 5 AND 14");
    List<String> expected = expected(id -> id >= 5 && id <= 14 ? null : row(id));
    assertThat(sparkRows(t)).isEqualTo(expected);
    assertThat(apiRows("cow")).isEqualTo(expected);
    assertThat(api("cow").newScan().planFiles().toList()).noneMatch(f -> f.file().deletionVector().isPresent());

    spark.sql("TRUNCATE TABLE " + t);
    assertThat(sparkRows(t)).isEmpty();
    assertThat(apiRows("cow")).isEmpty();
    assertThat(api("cow").currentSnapshot().orElseThrow().operation()).isEqualTo("delete");
  }

  @ParameterizedTest
  @ValueSource(strings = {"merge-on-read", "copy-on-write"})
  void updateAndMergeChangeExactlyTheirRows(String mode) {
    String name = "upd_" + mode.replace('-', '_');
    String t = table(name, mode);
    Table before = api(name);
    int snapshots = before.snapshots().size();
    spark.sql("UPDATE " + t + " SET v = -v, note = 'updated' WHERE id >= 15 AND id < 25");
    List<String> updated = expected(id -> id >= 15 && id < 25 ? "[" + id + "," + -id * 10 + ",updated]" : row(id));
    assertThat(sparkRows(t)).isEqualTo(updated);
    assertThat(apiRows(name)).isEqualTo(updated);
    Table afterUpdate = api(name);
    assertThat(afterUpdate.snapshots()).hasSize(snapshots + 1);
    assertThat(afterUpdate.currentSnapshot().orElseThrow().summary()).containsKey("spark.query-id");
    // files the condition's stats rule out (ids 0..9 and 30..39) were neither read nor rewritten
    List<String> kept = before.newScan().filter(Expressions.or(Expressions.lessThan("id", 10L),
        Expressions.greaterThanOrEqual("id", 30L))).planFiles().toList().stream().map(f -> f.file().location())
        .toList();
    assertThat(kept).hasSize(2);
    assertThat(SharedSpark.dataFilesInTable(TableId.of(ns, name))).containsAll(kept);

    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(3L, "changed"),
        org.apache.spark.sql.RowFactory.create(4L, "delete"), org.apache.spark.sql.RowFactory.create(100L, "new")),
        DataTypes.createStructType(List.of(DataTypes.createStructField("id", DataTypes.LongType, false),
            DataTypes.createStructField("what", DataTypes.StringType, true)))).createOrReplaceTempView("changes");
    spark.sql("MERGE INTO " + t + " t USING changes s ON t.id = s.id"
        + " WHEN MATCHED AND s.what = 'delete' THEN DELETE"
        + " WHEN MATCHED THEN UPDATE SET t.note = s.what"
        + " WHEN NOT MATCHED THEN INSERT (id, v, note) VALUES (s.id, 0, s.what)");
    List<String> merged = new ArrayList<>(expected(id -> id == 4 ? null : id == 3 ? "[3,30,changed]"
        : id >= 15 && id < 25 ? "[" + id + "," + -id * 10 + ",updated]" : row(id)));
    merged.add("[100,0,new]");
    List<String> mergedSorted = merged.stream().sorted().toList();
    assertThat(sparkRows(t)).isEqualTo(mergedSorted);
    assertThat(apiRows(name)).isEqualTo(mergedSorted);
    Table afterMerge = api(name);
    assertThat(afterMerge.snapshots()).hasSize(snapshots + 2);

    // Snaplog's API writes, Spark reads what it wrote
    afterMerge.newAppend().appendRecords(List.of(GenericRecord.of(afterMerge.schema(), 200L, 1L, "api")))
        .commit();
    afterMerge.newDelete().deleteWhere(Expressions.equal("id", 100L)).commit();
    assertThat(sparkRows(t)).contains("[200,1,api]").doesNotContain("[100,0,new]").isEqualTo(apiRows(name));
    // and time travel in Spark sees each statement's snapshot as the API does
    long updateSnapshot = afterUpdate.currentSnapshot().orElseThrow().snapshotId();
    assertThat(spark.sql("SELECT * FROM " + t + " VERSION AS OF " + updateSnapshot).collectAsList().stream()
        .map(Row::toString).sorted().toList()).isEqualTo(updated);
  }

  @Test
  void onlyFilesHoldingChangedRowsAreWrittenAgain() {
    String t = table("narrow", "copy-on-write");
    TableId id = TableId.of(ns, "narrow");
    List<String> before = SharedSpark.dataFilesInTable(id);
    String of3 = fileHolding(id, 3);
    String of15 = fileHolding(id, 15);
    String of25 = fileHolding(id, 25);
    String of35 = fileHolding(id, 35);
    // the stats of the files of ids 0..9 and 10..19 both admit note = 'n15'; only the second holds it
    spark.sql("UPDATE " + t + " SET v = 0 WHERE note = 'n15'");
    List<String> afterUpdate = SharedSpark.dataFilesInTable(id);
    assertThat(afterUpdate).hasSize(4).contains(of3, of25, of35).doesNotContain(of15);
    assertThat(before).contains(of15);
    // a merge rewrites only the files its join matched (ids 3 and 25)
    spark.sql("MERGE INTO " + t + " t USING (SELECT 3L AS id UNION ALL SELECT 25L) s ON t.id = s.id"
        + " WHEN MATCHED THEN UPDATE SET t.note = 'merged'");
    List<String> afterMerge = SharedSpark.dataFilesInTable(id);
    assertThat(afterMerge).hasSize(4).contains(of35).doesNotContain(of3, of25);
    assertThat(sparkRows(t)).isEqualTo(expected(i -> i == 15 ? "[15,0,n15]" : i == 3 || i == 25
        ? "[" + i + "," + i * 10 + ",merged]" : row(i)));
  }

  /** The one data file whose stats admit {@code id} (the files of {@link #table} hold disjoint id ranges). */
  private static String fileHolding(TableId table, long id) {
    List<String> files = SharedSpark.api().loadTable(table).newScan().filter(Expressions.equal("id", id))
        .planFiles().toList().stream().map(f -> f.file().location()).toList();
    assertThat(files).hasSize(1);
    return files.get(0);
  }

  @Test
  void aConcurrentDeleteInAFileBeingRewrittenFailsTheUpdate() {
    // updates rewrite files, deletes write deletion vectors
    String t = tableWith("race", Map.of("write.update.mode", "copy-on-write"));
    TableId id = TableId.of(ns, "race");
    // while the update's tasks run, another writer deletes a row of a file the update rewrites
    INTERFERENCE.set(() -> api("race").newDelete().deleteWhere(Expressions.equal("id", 12L)).commit());
    assertThatThrownBy(() -> spark.sql("UPDATE " + t + " SET v = interfere(v) + 1 WHERE id BETWEEN 10 AND 19"))
        .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CommitConflictException));
    List<String> expected = expected(i -> i == 12 ? null : row(i));
    assertThat(apiRows("race")).isEqualTo(expected); // the delete stands, the update left nothing
    assertThat(SharedSpark.dataFilesOnDisk(id)).map(p -> p.toUri().getPath().replaceAll("/$", ""))
        .containsExactlyInAnyOrderElementsOf(SharedSpark.dataFilesInTable(id));

    // a concurrent removal of the whole file is caught by the table's own commit validation
    INTERFERENCE.set(() -> api("race").newDelete().deleteWhere(Expressions.lessThan("id", 10L)).commit());
    assertThatThrownBy(() -> spark.sql("UPDATE " + t + " SET v = interfere(v) WHERE id < 10"))
        .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CommitConflictException));
    assertThat(apiRows("race")).isEqualTo(expected(i -> i == 12 || i < 10 ? null : row(i)));
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = e; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }

  @Test
  void rowLevelStatementsOnATimeTravelledTableAreRefused() {
    String t = table("travel", "merge-on-read");
    long first = api("travel").snapshots().get(3).snapshotId();
    assertThatThrownBy(() -> spark.sql("DELETE FROM " + t + " VERSION AS OF " + first + " WHERE id = 1"))
        .isNotNull();
    assertThat(apiRows("travel")).hasSize(40);
    List<Record> unused = SharedSpark.apiRows(TableId.of(ns, "travel"));
    assertThat(unused).hasSize(40);
  }
}
