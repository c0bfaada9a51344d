package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.TableId;
import dev.snaplog.core.types.Type;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SnaplogCatalogTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("cat");
  }

  @Test
  void namespacesAreCreatedListedAndDropped() {
    String other = "ns_" + Long.toHexString(System.nanoTime());
    spark.sql("CREATE NAMESPACE snaplog." + other);
    assertThat(SharedSpark.api().namespaceExists(other)).isTrue();
    assertThat(spark.sql("SHOW NAMESPACES IN snaplog").collectAsList()).map(r -> r.getString(0)).contains(other, ns);
    assertThatThrownBy(() -> spark.sql("CREATE NAMESPACE snaplog." + other))
        .hasMessageContaining(other);
    spark.sql("CREATE NAMESPACE IF NOT EXISTS snaplog." + other);

    spark.sql("CREATE TABLE snaplog." + other + ".t (id BIGINT)");
    assertThatThrownBy(() -> spark.sql("DROP NAMESPACE snaplog." + other)).hasMessageContaining(other);
    spark.sql("DROP NAMESPACE snaplog." + other + " CASCADE");
    assertThat(SharedSpark.api().namespaceExists(other)).isFalse();
  }

  @Test
  void namespacesHaveOneLevelAndNoProperties() {
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog.a.b.c (id INT)"))
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> spark.sql("CREATE NAMESPACE snaplog.withprops WITH DBPROPERTIES ('k' = 'v')"))
        .hasMessageContaining("no properties");
    assertThat(SharedSpark.api().namespaceExists("withprops")).isFalse();
  }

  @Test
  void everyTypeMapsBothWays() {
    spark.sql("CREATE TABLE snaplog." + ns + ".types (b BOOLEAN, i INT NOT NULL, l BIGINT, f FLOAT, d DOUBLE,"
        + " dec DECIMAL(20,4), s STRING, v VARCHAR(10), bin BINARY, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ)"
        + " COMMENT 'all types' TBLPROPERTIES ('checkpoint.interval' = '5')");
    TableId id = TableId.of(ns, "types");
    Schema schema = SharedSpark.api().loadTable(id).schema();
    assertThat(schema.fields()).containsExactly(
        Field.optional(1, "b", Type.BOOLEAN), Field.required(2, "i", Type.INT), Field.optional(3, "l", Type.LONG),
        Field.optional(4, "f", Type.FLOAT), Field.optional(5, "d", Type.DOUBLE),
        Field.optional(6, "dec", Type.decimal(20, 4)), Field.optional(7, "s", Type.STRING),
        Field.optional(8, "v", Type.STRING), Field.optional(9, "bin", Type.BINARY),
        Field.optional(10, "dt", Type.DATE), Field.optional(11, "ts", Type.TIMESTAMPTZ),
        Field.optional(12, "ntz", Type.TIMESTAMP));
    assertThat(SharedSpark.api().loadTable(id).properties())
        .containsEntry("checkpoint.interval", "5").containsEntry("comment", "all types")
        .doesNotContainKey("owner");

    List<Row> described = spark.sql("DESCRIBE TABLE snaplog." + ns + ".types").collectAsList();
    assertThat(described.subList(0, 12)).map(r -> r.getString(0) + " " + r.getString(1)).containsExactly(
        "b boolean", "i int", "l bigint", "f float", "d double", "dec decimal(20,4)", "s string", "v string",
        "bin binary", "dt date", "ts timestamp", "ntz timestamp_ntz");
    assertThat(spark.table("snaplog." + ns + ".types").schema().apply("i").nullable()).isFalse();
  }

  @Test
  void tablesWrittenByTheApiShowTheirTypes() {
    TableId id = TableId.of(ns, "fromapi");
    SharedSpark.api().createTable(id, Schema.parse("u uuid, t time, id long not null"));
    List<Row> described = spark.sql("DESCRIBE TABLE snaplog." + ns + ".fromapi").collectAsList();
    assertThat(described.subList(0, 3)).map(r -> r.getString(0) + " " + r.getString(1))
        .containsExactly("u string", "t time(6)", "id bigint");
  }

  @Test
  void unsupportedTypesAndOptionsAreRefusedWithNothingCreated() {
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad1 (a STRUCT<x: ARRAY<TINYINT>>)"))
        .hasMessageContaining("Column 'a.x.element'").hasMessageContaining("TINYINT")
        .hasMessageContaining("CAST the column AS INT");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad2 (a TINYINT)"))
        .hasMessageContaining("CAST the column AS INT");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad3 (a INT, b INT)"
        + " PARTITIONED BY (bucket(4, a, b))")).hasMessageContaining("bucket(4, a, b)")
        .hasMessageContaining("each on one column");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad4 (a INT) USING parquet"))
        .hasMessageContaining("USING parquet");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad5 (a INT) LOCATION '/tmp/x'"))
        .hasMessageContaining("LOCATION");
    assertThatThrownBy(() -> spark.sql("CREATE TABLE snaplog." + ns + ".bad6 (a STRING COLLATE UNICODE_CI)"))
        .hasMessageContaining("collation");
    for (String t : List.of("bad1", "bad2", "bad3", "bad4", "bad5", "bad6")) {
      assertThat(SharedSpark.api().tableExists(TableId.of(ns, t))).as(t).isFalse();
    }
    spark.sql("CREATE TABLE snaplog." + ns + ".good (a INT) USING snaplog");
    assertThat(SharedSpark.api().tableExists(TableId.of(ns, "good"))).isTrue();
  }

  @Test
  void tablesAreListedDroppedAndPurged() {
    spark.sql("CREATE TABLE snaplog." + ns + ".keep (a INT)");
    spark.sql("CREATE TABLE snaplog." + ns + ".gone (a INT)");
    spark.sql("INSERT INTO snaplog." + ns + ".gone VALUES (1)");
    assertThat(spark.sql("SHOW TABLES IN snaplog." + ns).collectAsList()).map(r -> r.getString(1))
        .contains("keep", "gone");
    assertThatThrownBy(() -> spark.sql("ALTER TABLE snaplog." + ns + ".keep SET TBLPROPERTIES ('x' = 'y')"))
        .hasMessageContaining("not supported");
    assertThatThrownBy(() -> spark.sql("ALTER TABLE snaplog." + ns + ".keep RENAME TO snaplog." + ns + ".kept"))
        .hasMessageContaining("not supported");

    spark.sql("DROP TABLE snaplog." + ns + ".gone PURGE");
    assertThat(SharedSpark.api().tableExists(TableId.of(ns, "gone"))).isFalse();
    try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.walk(
        SharedSpark.warehouse().resolve(ns).resolve("gone"))) {
      assertThat(left.filter(java.nio.file.Files::isRegularFile).toList()).isEmpty(); // purged: no object left
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThatThrownBy(() -> spark.table("snaplog." + ns + ".gone"))
        .hasMessageContaining("gone");
    assertThatThrownBy(() -> new SnaplogCatalogProbe().load(ns, "gone")).isInstanceOf(NoSuchTableException.class);
  }

  /** Calls the plugin directly, as Spark's analyzer does. */
  private static final class SnaplogCatalogProbe {
    Object load(String namespace, String table) throws NoSuchTableException {
      SnaplogCatalog c = new SnaplogCatalog();
      c.initialize("probe", new org.apache.spark.sql.util.CaseInsensitiveStringMap(
          java.util.Map.of("warehouse", SharedSpark.warehouse().toString())));
      return c.loadTable(org.apache.spark.sql.connector.catalog.Identifier.of(new String[] {namespace}, table));
    }
  }
}
