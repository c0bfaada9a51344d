package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ALTER TABLE} column changes from Spark SQL: each statement one Snaplog schema change, rows written
 * before read under the new schema by field id, and changes Snaplog refuses leave the table as it was.
 */
class AlterTableTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("alter");
  }

  private static Table api(String name) {
    return SharedSpark.api().loadTable(TableId.of(ns, name));
  }

  private static List<String> rows(String sql) {
    return spark.sql(sql).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void columnChangesAreOneCommitEachAndOldRowsReadByFieldId() {
    String t = "snaplog." + ns + ".events";
    spark.sql("CREATE TABLE " + t + " (id INT NOT NULL, msg STRING, score FLOAT)");
    spark.sql("INSERT INTO " + t + " VALUES (1, 'a', 1.5), (2, 'b', NULL)");
    long version = api("events").version();

    spark.sql("ALTER TABLE " + t + " ADD COLUMN region STRING AFTER id");
    spark.sql("ALTER TABLE " + t + " RENAME COLUMN msg TO message");
    spark.sql("ALTER TABLE " + t + " ALTER COLUMN id TYPE BIGINT");
    spark.sql("ALTER TABLE " + t + " ALTER COLUMN score TYPE DOUBLE");
    spark.sql("ALTER TABLE " + t + " ALTER COLUMN id DROP NOT NULL");
    spark.sql("ALTER TABLE " + t + " ALTER COLUMN score FIRST");
    assertThat(api("events").version()).isEqualTo(version + 6);
    assertThat(api("events").schema().toString()).isEqualTo(
        dev.snaplog.core.Schema.parse("score double, id long, region string, message string").toString());

    spark.sql("INSERT INTO " + t + " VALUES (2.5, 3, 'eu', 'c')");
    assertThat(rows("SELECT * FROM " + t)).containsExactly("[1.5,1,null,a]", "[2.5,3,eu,c]", "[null,2,null,b]");
    spark.sql("ALTER TABLE " + t + " DROP COLUMN region");
    assertThat(rows("SELECT * FROM " + t)).containsExactly("[1.5,1,a]", "[2.5,3,c]", "[null,2,b]");
    assertThat(SharedSpark.apiRows(TableId.of(ns, "events"))).hasSize(3);
  }

  @Test
  void changesSnaplogRefusesLeaveTheTableAsItWas() {
    String t = "snaplog." + ns + ".strict";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, msg STRING) PARTITIONED BY (bucket(4, id))");
    long version = api("strict").version();
    assertThatThrownBy(() -> spark.sql("ALTER TABLE " + t + " ADD COLUMN n INT NOT NULL"))
        .hasMessageContaining("NOT NULL column 'n'").hasMessageContaining("snaplog alter");
    assertThatThrownBy(() -> spark.sql("ALTER TABLE " + t + " ALTER COLUMN msg SET NOT NULL"))
        .hasMessageContaining("non-nullable"); // Spark refuses it before asking the catalog
    assertThatThrownBy(() -> spark.sql("ALTER TABLE " + t + " DROP COLUMN id"))
        .hasMessageContaining("id");
    assertThatThrownBy(() -> spark.sql("ALTER TABLE " + t + " RENAME COLUMN msg TO id"))
        .hasMessageContaining("id");
    // two changes in one statement, the second refused: neither lands
    assertThatThrownBy(() -> spark.sql("ALTER TABLE " + t + " ADD COLUMNS (a INT, b INT NOT NULL)"))
        .hasMessageContaining("NOT NULL column 'b'");
    assertThat(api("strict").version()).isEqualTo(version);
    assertThat(api("strict").schema().columnNames()).containsExactly("id", "msg");
  }

  @Test
  void proceduresChangeThePartitionSpecAndSortOrderOfNewData() {
    String t = "snaplog." + ns + ".layout";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, cat STRING)");
    spark.sql("INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b')");
    long version = api("layout").version();

    List<Row> spec = spark.sql("CALL snaplog.system.set_partition_spec(table => '" + ns + ".layout',"
        + " spec => 'bucket(4, id), cat')").collectAsList();
    assertThat(spec).hasSize(1);
    assertThat(spec.get(0).getLong(0)).isEqualTo(version + 1);
    assertThat(spec.get(0).getString(1)).isEqualTo("bucket(4, id), cat");
    List<Row> sort = spark.sql("CALL snaplog.system.set_sort_order('" + ns + ".layout', 'id desc')")
        .collectAsList();
    assertThat(sort.get(0).getString(1)).isEqualTo("id desc");
    Table changed = api("layout");
    assertThat(changed.version()).isEqualTo(version + 2);
    assertThat(changed.spec().toText(changed.schema())).isEqualTo("bucket(4, id), cat");
    assertThat(changed.sortOrder().toText(changed.schema())).isEqualTo("id desc");

    spark.sql("INSERT INTO " + t + " VALUES (3, 'a'), (4, 'a')");
    assertThat(changed.refresh().newScan().planFiles().toList()).filteredOn(f -> f.file().specId()
        == changed.spec().specId()).isNotEmpty().allSatisfy(f -> assertThat(f.file().location())
        .contains("/data/id_bucket="));
    assertThat(rows("SELECT * FROM " + t)).containsExactly("[1,a]", "[2,b]", "[3,a]", "[4,a]");
    long afterInsert = api("layout").version();

    assertThatThrownBy(() -> spark.sql("CALL snaplog.system.set_partition_spec('" + ns + ".layout',"
        + " 'weekly(id)')").collect()).hasMessageContaining("weekly");
    assertThatThrownBy(() -> spark.sql("CALL snaplog.system.compact('" + ns + ".layout')").collect())
        .hasMessageContaining("compact").hasStackTraceContaining("Snaplog's are [system.set_partition_spec");
    assertThat(api("layout").version()).isEqualTo(afterInsert); // refused: nothing committed
  }
}
