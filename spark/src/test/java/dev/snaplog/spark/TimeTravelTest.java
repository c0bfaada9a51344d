package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeTravelTest {
  private static SparkSession spark;
  private static String ns;
  private static String t;
  private static Snapshot first;
  private static Snapshot second;
  private static Table table;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("tt");
    t = "snaplog." + ns + ".history";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    spark.sql("INSERT INTO " + t + " VALUES (1), (2)");
    table = SharedSpark.api().loadTable(TableId.of(ns, "history"));
    first = table.refresh().currentSnapshot().orElseThrow();
    spark.sql("INSERT INTO " + t + " VALUES (3)");
    second = table.refresh().currentSnapshot().orElseThrow();
    spark.sql("INSERT INTO " + t + " VALUES (4)");
    table.refresh();
    table.manageRefs().createTag("first-load", first.snapshotId()).commit();
    table.manageRefs().createBranch("dev", second.snapshotId()).commit();
    table.newAppend().toBranch("dev").appendRecords(List.of(GenericRecord.of(table.schema(), 99L))).commit();
  }

  private static long count(String sql) {
    return spark.sql(sql).count();
  }

  private static String sqlTime(Instant i) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(i);
  }

  @Test
  void sqlTimeTravel() {
    assertThat(count("SELECT * FROM " + t)).isEqualTo(4);
    assertThat(count("SELECT * FROM " + t + " VERSION AS OF " + first.snapshotId())).isEqualTo(2);
    assertThat(count("SELECT * FROM " + t + " VERSION AS OF " + second.snapshotId())).isEqualTo(3);
    assertThat(count("SELECT * FROM " + t + " VERSION AS OF 'first-load'")).isEqualTo(2);
    assertThat(count("SELECT * FROM " + t + " VERSION AS OF 'dev'")).isEqualTo(4); // 1, 2, 3, 99
    assertThat(spark.sql("SELECT max(id) FROM " + t + " VERSION AS OF 'dev'").first().getLong(0)).isEqualTo(99);
    assertThat(count("SELECT * FROM " + t + " TIMESTAMP AS OF '" + sqlTime(second.timestamp()) + "'"))
        .isEqualTo(3);
    assertThat(count("SELECT * FROM " + t + " TIMESTAMP AS OF '" + sqlTime(second.timestamp().minusMillis(1))
        + "'")).isEqualTo(2);
  }

  @Test
  void readOptionsTimeTravel() {
    assertThat(spark.read().option("snapshot-id", first.snapshotId()).table(t).count()).isEqualTo(2);
    assertThat(spark.read().option("as-of", second.timestamp().toString()).table(t).count()).isEqualTo(3);
    assertThat(spark.read().option("as-of", Long.toString(second.timestampMillis() - 1)).table(t).count())
        .isEqualTo(2);
    assertThat(spark.read().option("tag", "first-load").table(t).count()).isEqualTo(2);
    assertThat(spark.read().option("branch", "dev").table(t).count()).isEqualTo(4);
    String location = SharedSpark.warehouse().resolve(ns).resolve("history").toString();
    assertThat(spark.read().format("snaplog").option("tag", "first-load").load(location).count()).isEqualTo(2);
  }

  @Test
  void badTimeTravelSaysWhatToDo() {
    assertThatThrownBy(() -> spark.read().option("tag", "first-load").option("branch", "dev").table(t).count())
        .hasMessageContaining("Choose one way");
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + t + " VERSION AS OF 'nope'").count())
        .hasMessageContaining("nope").hasMessageContaining("first-load");
    assertThatThrownBy(() -> spark.read().option("snapshot-id", "x1").table(t).count())
        .hasMessageContaining("snapshot-id");
    assertThatThrownBy(() -> spark.read().option("as-of", "yesterday").table(t).count())
        .hasMessageContaining("as-of");
    assertThatThrownBy(() -> spark.sql("SELECT * FROM " + t + " TIMESTAMP AS OF '2001-01-01 00:00:00'").count())
        .hasMessageContaining(ns + ".history");
    assertThatThrownBy(() -> spark.read().option("snapshot-id", "12345").table(t).count())
        .hasMessageContaining("12345");
  }
}
