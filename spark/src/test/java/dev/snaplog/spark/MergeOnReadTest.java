package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.expressions.Expressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} by merge-on-read, the default: each statement leaves
 * the rows a plain Spark model computes for it (Spark and Snaplog's API read the same), commits one row delta
 * that gives the files holding changed rows deletion vectors and adds files for new rows only, and is checked
 * against concurrent commits by the row delta itself: a commit that removed a file the statement deletes rows
 * of fails it with {@link CommitConflictException}, leaving the table as that commit made it; another delete of
 * rows of the same file merges with it.
 */
class MergeOnReadTest {
  private static final int FILES = 5;
  private static final int ROWS_PER_FILE = 40;
  private static SparkSession spark;
  private static String ns;
  /** What the UDF {@code interfere_mor} does the first time a task calls it, then forgets. */
  private static final AtomicReference<Runnable> INTERFERENCE = new AtomicReference<>();
  private static final AtomicReference<String> INTERFERING_TABLE = new AtomicReference<>();

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("mor");
    spark.udf().register("interfere_mor", (UDF1<Long, Long>) v -> {
      Runnable r = INTERFERENCE.getAndSet(null);
      if (r != null) {
        r.run();
      }
      return v;
    }, DataTypes.LongType);
  }

  /** The rows of the test table: ids 0..199, some null {@code v}s, repeating notes. */
  private static String rowsOf(long from, long to) {
    return "SELECT id, CASE WHEN id % 11 = 0 THEN NULL ELSE id * 3 % 17 END AS v, concat('n', id % 13) AS note"
        + " FROM range(" + from + ", " + to + ", 1, 1)";
  }

  /**
   * A table of {@link #rowsOf} in {@link #FILES} files of {@link #ROWS_PER_FILE} rows, in file order, written
   * through Snaplog's API (Spark's appends are tested elsewhere; this keeps the setup free of Spark jobs).
   */
  private static String table(String name) {
    return table(name, Map.of());
  }

  private static String table(String name, Map<String, String> properties) {
    Table table = SharedSpark.api().createTable(TableId.of(ns, name),
        Schema.parse("id long not null, v long, note string"), properties);
    for (int f = 0; f < FILES; f++) {
      List<Record> rows = new ArrayList<>();
      for (long id = (long) f * ROWS_PER_FILE; id < (f + 1L) * ROWS_PER_FILE; id++) {
        rows.add(GenericRecord.of(table.schema(), id, id % 11 == 0 ? null : id * 3 % 17, "n" + id % 13));
      }
      table.newAppend().appendRecords(rows).commit();
    }
    return "snaplog." + ns + "." + name;
  }

  private static List<String> rows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> apiRows(String name) {
    return SharedSpark.apiRows(TableId.of(ns, name)).stream()
        .map(r -> "[" + r.get("id") + "," + r.get("v") + "," + r.get("note") + "]").sorted().toList();
  }

  /** Replaces the model's rows with what {@code query} (over the view {@code model}) returns. */
  private static void model(String query) {
    Dataset<Row> next = spark.sql(query);
    spark.createDataFrame(next.collectAsList(), next.schema()).createOrReplaceTempView("model");
  }

  @Test
  void statementsLeaveWhatThePlainSparkModelComputesAndWriteDeletionVectors() {
    String t = table("model");
    TableId id = TableId.of(ns, "model");
    model(rowsOf(0, FILES * ROWS_PER_FILE));
    // _pos is a row's position in its file: rows were written in id order, 40 to a file
    assertThat(spark.sql("SELECT id, _pos FROM " + t).collectAsList())
        .allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(r.getLong(0) % ROWS_PER_FILE));

    String delete = "note LIKE '%3' OR v % 4 = 1";
    List<String> filesBefore = SharedSpark.dataFilesInTable(id);
    spark.sql("DELETE FROM " + t + " WHERE " + delete);
    model("SELECT * FROM model WHERE NOT coalesce(" + delete + ", false)");
    checkSameRows(t, "model");
    assertRowDelta(id, 0);
    assertThat(SharedSpark.dataFilesInTable(id)).isEqualTo(filesBefore); // no file written again
    assertThat(spark.sql("SELECT id, _pos FROM " + t).collectAsList()) // positions skip deleted rows
        .allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(r.getLong(0) % ROWS_PER_FILE));
    assertThat(spark.sql("SELECT id, _pos FROM " + t + " WHERE id > 90 AND note = 'n5'").collectAsList())
        .isNotEmpty().allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(r.getLong(0) % ROWS_PER_FILE));

    String update = "id % 7 = 2 OR v IS NULL";
    long updated = count("SELECT count(*) FROM model WHERE " + update);
    spark.sql("UPDATE " + t + " SET v = v * 2 + 1, note = upper(note) WHERE " + update);
    model("SELECT id, CASE WHEN coalesce(" + update + ", false) THEN v * 2 + 1 ELSE v END AS v,"
        + " CASE WHEN coalesce(" + update + ", false) THEN upper(note) ELSE note END AS note FROM model");
    checkSameRows(t, "model");
    assertRowDelta(id, updated);

    spark.sql("SELECT id, id AS v, CASE WHEN id % 2 = 0 THEN 'd' ELSE 'u' END AS op FROM range(150, 260, 3)")
        .createOrReplaceTempView("src");
    long written = count("SELECT count(*) FROM src s LEFT JOIN model m ON m.id = s.id"
        + " WHERE m.id IS NULL OR s.op <> 'd'"); // updated and inserted rows
    spark.sql("MERGE INTO " + t + " t USING src s ON t.id = s.id"
        + " WHEN MATCHED AND s.op = 'd' THEN DELETE"
        + " WHEN MATCHED THEN UPDATE SET t.v = s.v, t.note = 'merged'"
        + " WHEN NOT MATCHED THEN INSERT (id, v, note) VALUES (s.id, s.v, 'new')");
    model("SELECT m.id, CASE WHEN s.id IS NULL THEN m.v ELSE s.v END AS v,"
        + " CASE WHEN s.id IS NULL THEN m.note ELSE 'merged' END AS note"
        + " FROM model m LEFT JOIN src s ON m.id = s.id WHERE s.op IS NULL OR s.op <> 'd'"
        + " UNION ALL SELECT s.id, s.v, 'new' FROM src s LEFT ANTI JOIN model m ON m.id = s.id");
    checkSameRows(t, "model");
    assertRowDelta(id, written);
  }

  private static long count(String query) {
    return spark.sql(query).first().getLong(0);
  }

  private static void checkSameRows(String t, String name) {
    List<String> expected = rows(spark.table("model"));
    assertThat(expected).isNotEmpty();
    assertThat(rows(spark.table(t))).isEqualTo(expected);
    assertThat(apiRows(name)).isEqualTo(expected);
  }

  /**
   * The last commit was one row delta that kept every data file the previous version had (some with a deletion
   * vector now) and added files holding {@code writtenRows} rows: the new and changed rows, nothing else.
   */
  private static void assertRowDelta(TableId id, long writtenRows) {
    Table table = SharedSpark.api().loadTable(id);
    List<Snapshot> snapshots = table.snapshots();
    Snapshot last = snapshots.get(0); // newest first
    assertThat(last.operation()).isEqualTo("row-delta");
    assertThat(last.summary()).containsKey("spark.query-id");
    Set<String> before = new HashSet<>();
    table.newScan().useSnapshot(snapshots.get(1).snapshotId()).planFiles().toList()
        .forEach(f -> before.add(f.file().location()));
    List<FileScanTask> now = table.newScan().planFiles().toList();
    Set<String> after = new HashSet<>();
    now.forEach(f -> after.add(f.file().location()));
    assertThat(after).containsAll(before);
    assertThat(now.stream().filter(f -> !before.contains(f.file().location()))
        .mapToLong(f -> f.file().recordCount()).sum()).isEqualTo(writtenRows);
    assertThat(now).anyMatch(f -> f.file().deletionVector().isPresent());
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(after.size()); // nothing written but those files
  }

  @Test
  void aConcurrentCommitRemovingAFileTheStatementChangesFailsIt() {
    String t = table("conflict");
    TableId id = TableId.of(ns, "conflict");
    List<Path> onDisk = SharedSpark.dataFilesOnDisk(id);
    // while the update's tasks run, another writer deletes every row of the file holding ids 0..39
    INTERFERENCE.set(() -> SharedSpark.api().loadTable(id).newDelete()
        .deleteWhere(Expressions.lessThan("id", 40L)).commit());
    int snapshots = SharedSpark.api().loadTable(id).snapshots().size();
    assertThatThrownBy(() -> spark.sql("UPDATE " + t + " SET v = interfere_mor(v) + 1 WHERE id BETWEEN 10 AND 59"))
        .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CommitConflictException));
    Table after = SharedSpark.api().loadTable(id);
    assertThat(after.snapshots()).hasSize(snapshots + 1); // the delete, and nothing of the update
    assertThat(after.currentSnapshot().orElseThrow().operation()).isEqualTo("delete");
    model(rowsOf(40, FILES * ROWS_PER_FILE));
    checkSameRows(t, "conflict");
    assertThat(SharedSpark.dataFilesOnDisk(id)).isEqualTo(onDisk); // the update's new file is gone
    assertThat(after.verify().problems()).isEmpty();
  }

  @Test
  void aConcurrentDeleteOfOtherRowsOfTheSameFilesMerges() {
    String t = table("merge");
    TableId id = TableId.of(ns, "merge");
    // while the delete's tasks run, another writer deletes rows 15 and 16 by deletion vector
    INTERFERENCE.set(() -> SharedSpark.api().loadTable(id).newDelete()
        .deleteWhere(Expressions.in("id", 15L, 16L)).commit());
    spark.sql("DELETE FROM " + t + " WHERE interfere_mor(id) % 10 = 3");
    model(rowsOf(0, FILES * ROWS_PER_FILE) + " WHERE id % 10 <> 3 AND id NOT IN (15, 16)");
    checkSameRows(t, "merge");
    Table after = SharedSpark.api().loadTable(id);
    List<Snapshot> snapshots = after.snapshots(); // newest first
    assertThat(snapshots.get(1).operation()).isEqualTo("delete");
    assertThat(snapshots.get(0).operation()).isEqualTo("row-delta");
    assertThat(SharedSpark.dataFilesInTable(id)).hasSize(FILES);
  }

  @Test
  void anUpdateFailsWhenRowsOfAFileItChangesWereDeletedMeanwhile() {
    String t = table("lost");
    TableId id = TableId.of(ns, "lost");
    // merging the vectors would bring row 15 back as its updated copy
    INTERFERENCE.set(() -> SharedSpark.api().loadTable(id).newDelete()
        .deleteWhere(Expressions.equal("id", 15L)).commit());
    assertThatThrownBy(() -> spark.sql("UPDATE " + t + " SET v = interfere_mor(v) WHERE id BETWEEN 10 AND 19"))
        .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CommitConflictException));
    model(rowsOf(0, FILES * ROWS_PER_FILE) + " WHERE id <> 15");
    checkSameRows(t, "lost");
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow().operation()).isEqualTo("delete");
  }

  @Test
  void rowsAppendedMeanwhileThatTheConditionMayMatchConflictUnderSerializableIsolation() {
    Runnable append = () -> {
      Table table = SharedSpark.api().loadTable(TableId.of(ns, INTERFERING_TABLE.get()));
      table.newAppend().appendRecords(List.of(GenericRecord.of(table.schema(), 500L, 1L, "late")))
          .commit();
    };
    String serializable = table("serial");
    INTERFERING_TABLE.set("serial");
    INTERFERENCE.set(append);
    assertThatThrownBy(() -> spark.sql("UPDATE " + serializable + " SET v = interfere_mor(v) WHERE id >= 150"))
        .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof CommitConflictException));
    model(rowsOf(0, FILES * ROWS_PER_FILE) + " UNION ALL SELECT 500L, 1L, 'late'");
    checkSameRows(serializable, "serial");

    // under snapshot isolation the statement commits and the appended row stays as it was written
    String snapshot = table("snap", Map.of("write.isolation-level", "snapshot"));
    INTERFERING_TABLE.set("snap");
    INTERFERENCE.set(append);
    spark.sql("UPDATE " + snapshot + " SET v = interfere_mor(v) + 1000 WHERE id >= 150");
    model(rowsOf(0, FILES * ROWS_PER_FILE).replace("SELECT id, CASE", "SELECT id, CASE WHEN id >= 150 THEN"
        + " (CASE WHEN id % 11 = 0 THEN NULL ELSE id * 3 % 17 END) + 1000 ELSE CASE") .replace(" END AS v",
        " END END AS v") + " UNION ALL SELECT 500L, 1L, 'late'");
    checkSameRows(snapshot, "snap");
  }

  @Test
  void theModeIsChosenPerStatementByTableProperty() {
    String t = table("modes", Map.of("write.update.mode", "copy-on-write", "write.merge.mode", "sometimes"));
    TableId id = TableId.of(ns, "modes");
    String of5 = SharedSpark.api().loadTable(id).newScan().filter(Expressions.equal("id", 5L)).planFiles()
        .toList().get(0).file().location();
    spark.sql("UPDATE " + t + " SET note = 'x' WHERE id = 5");
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow().operation())
        .isEqualTo("overwrite");
    assertThat(SharedSpark.dataFilesInTable(id)).doesNotContain(of5).hasSize(FILES);
    spark.sql("DELETE FROM " + t + " WHERE note LIKE 'x%'");
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow().operation())
        .isEqualTo("row-delta");
    assertThat(rows(spark.sql("SELECT id FROM " + t + " WHERE id < 7"))).containsExactly("[0]", "[1]", "[2]",
        "[3]", "[4]", "[6]");

    int snapshots = SharedSpark.api().loadTable(id).snapshots().size();
    assertThatThrownBy(() -> spark.sql("MERGE INTO " + t + " t USING (SELECT 1L AS id) s ON t.id = s.id"
        + " WHEN MATCHED THEN DELETE")).hasMessageContaining("write.merge.mode")
        .hasMessageContaining("sometimes");
    assertThat(SharedSpark.api().loadTable(id).snapshots()).hasSize(snapshots);
  }

  private static List<Path> objects(TableId id, String folder) {
    Path dir = SharedSpark.warehouse().resolve(id.namespace()).resolve(id.name()).resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Throwable> causes(Throwable e) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable c = e; c != null && !out.contains(c); c = c.getCause()) {
      out.add(c);
    }
    return out;
  }
}
