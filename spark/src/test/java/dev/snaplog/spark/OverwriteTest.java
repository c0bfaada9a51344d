package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static overwrites replace exactly the rows their condition selects, in one commit; dynamic ones are refused. */
class OverwriteTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("overwrite");
  }

  /** A table {@code (id BIGINT NOT NULL, cat STRING)} holding ids 0..9, cat 'a' below 5 and 'b' from 5. */
  private static String table(String name) {
    String t = "snaplog." + ns + "." + name;
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING)");
    spark.sql("INSERT INTO " + t + " SELECT id, IF(id < 5, 'a', 'b') FROM range(10)");
    return t;
  }

  private static List<String> sparkRows(String t) {
    return spark.table(t).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static List<String> apiRows(TableId id) {
    return SharedSpark.apiRows(id).stream().map(r -> "[" + r.get("id") + "," + r.get("cat") + "]").sorted()
        .toList();
  }

  private static Table api(String name) {
    return SharedSpark.api().loadTable(TableId.of(ns, name));
  }

  @Test
  void insertOverwriteReplacesEveryRowInOneCommit() {
    String t = table("all");
    int before = api("all").snapshots().size();
    spark.sql("INSERT OVERWRITE " + t + " VALUES (100, 'x'), (101, 'y')");
    assertThat(sparkRows(t)).containsExactly("[100,x]", "[101,y]");
    assertThat(apiRows(TableId.of(ns, "all"))).containsExactly("[100,x]", "[101,y]");
    Table after = api("all");
    assertThat(after.snapshots()).hasSize(before + 1);
    assertThat(after.currentSnapshot().orElseThrow().operation()).isEqualTo("overwrite");
    assertThat(after.currentSnapshot().orElseThrow().summary()).containsKey("spark.query-id");
    // the previous version is still there to travel to
    long previous = after.snapshots().get(1).snapshotId();
    assertThat(spark.sql("SELECT count(*) FROM " + t + " VERSION AS OF " + previous).first().getLong(0))
        .isEqualTo(10);
  }

  @Test
  void replaceWhereReplacesOnlyTheMatchingRows() throws Exception {
    String t = table("where");
    spark.sql("INSERT INTO " + t + " REPLACE WHERE cat = 'a' VALUES (50, 'a'), (51, 'a')");
    assertThat(sparkRows(t)).containsExactly("[5,b]", "[50,a]", "[51,a]", "[6,b]", "[7,b]", "[8,b]", "[9,b]");

    spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(70L, "b")),
        spark.table(t).schema()).writeTo(t).overwrite(col("id").between(7, 9));
    assertThat(sparkRows(t)).containsExactly("[5,b]", "[50,a]", "[51,a]", "[6,b]", "[70,b]");
    assertThat(apiRows(TableId.of(ns, "where"))).isEqualTo(sparkRows(t).stream().map(s -> s).toList());
  }

  @Test
  void saveModeOverwriteByLocationWithAndWithoutReplaceWhere() {
    String t = table("bypath");
    String location = api("bypath").location();
    spark.sql("SELECT id + 20 AS id, 'c' AS cat FROM range(3)").write().format("snaplog").mode("overwrite")
        .option("replaceWhere", "id BETWEEN 2 AND 8 AND cat <> 'z'").save(location);
    assertThat(sparkRows(t)).containsExactly("[0,a]", "[1,a]", "[20,c]", "[21,c]", "[22,c]", "[9,b]");

    spark.sql("SELECT 1L AS id, 'd' AS cat").write().format("snaplog").mode("overwrite").save(location);
    assertThat(sparkRows(t)).containsExactly("[1,d]");
    assertThat(apiRows(TableId.of(ns, "bypath"))).containsExactly("[1,d]");
  }

  @Test
  void anOverwriteOfAnEmptyTableAppends() {
    String t = "snaplog." + ns + ".empty";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING)");
    spark.sql("INSERT OVERWRITE " + t + " VALUES (1, 'a')");
    assertThat(sparkRows(t)).containsExactly("[1,a]");
  }

  @Test
  void conditionsSnaplogCannotApplyExactlyAreRefusedBeforeAnythingIsWritten() throws Exception {
    String t = table("refused");
    Table before = api("refused");
    int files = SharedSpark.dataFilesOnDisk(TableId.of(ns, "refused")).size();
    assertThatThrownBy(() -> spark.sql("INSERT INTO " + t + " REPLACE WHERE cat LIKE 'a%' VALUES (1, 'q')"))
        .hasMessageContaining("cannot be applied exactly");
    assertThatThrownBy(() -> spark.sql("SELECT 1L AS id, 'q' AS cat").write().format("snaplog").mode("overwrite")
        .option("replaceWhere", "nope > 1").save(before.location()))
        .hasMessageContaining("replaceWhere 'nope > 1'");
    assertThatThrownBy(() -> spark.sql("SELECT 1L AS id, 'q' AS cat").write().format("snaplog").mode("append")
        .option("replaceWhere", "id > 1").save(before.location()))
        .hasMessageContaining("needs save mode overwrite");
    assertThatThrownBy(() -> spark.sql("SELECT 1L AS id, 'q' AS cat").writeTo(t).overwritePartitions())
        .hasMessageContaining("is not partitioned").hasMessageContaining("REPLACE WHERE");
    assertThat(api("refused").version()).isEqualTo(before.version());
    assertThat(SharedSpark.dataFilesOnDisk(TableId.of(ns, "refused"))).hasSize(files);
    assertThat(sparkRows(t)).hasSize(10);
  }

  @Test
  void anOverwriteWithACommitTokenCommitsOnce() throws Exception {
    String t = table("token");
    spark.sql("SELECT id, 'n' AS cat FROM range(3)").writeTo(t).option("commit-token", "fix:1")
        .overwrite(col("cat").equalTo("a"));
    Snapshot first = api("token").currentSnapshot().orElseThrow();
    spark.sql("SELECT id, 'n' AS cat FROM range(3)").writeTo(t).option("commit-token", "fix:1")
        .overwrite(col("cat").equalTo("a"));
    assertThat(api("token").currentSnapshot()).hasValue(first);
    assertThat(sparkRows(t)).hasSize(8);
  }
}
