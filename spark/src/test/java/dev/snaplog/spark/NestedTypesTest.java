package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Struct, array and map columns through Spark: created by SQL with field ids of their own, written by SQL and
 * DataFrames and read back by the API as records, lists and maps; tables written by the API read in Spark;
 * row-level deletes keep the other rows' nested values.
 */
class NestedTypesTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("nested");
  }

  @Test
  void sqlCreatesNestedColumnsWithTheirOwnFieldIds() {
    spark.sql("CREATE TABLE snaplog." + ns + ".ids (id BIGINT NOT NULL, s STRUCT<a: INT NOT NULL, b: STRING>,"
        + " l ARRAY<BIGINT>, m MAP<STRING, DOUBLE>)");
    Schema schema = SharedSpark.api().loadTable(TableId.of(ns, "ids")).schema();
    Type s = schema.field("s").type();
    assertThat(s.fields()).extracting(Field::name).containsExactly("a", "b");
    assertThat(s.fields().get(0).required()).isTrue();
    assertThat(schema.field("l").type().elementField().type()).isEqualTo(Type.LONG);
    assertThat(schema.field("l").type().elementField().required()).isFalse();
    assertThat(schema.field("m").type().keyField().type()).isEqualTo(Type.STRING);
    assertThat(schema.field("m").type().valueField().type()).isEqualTo(Type.DOUBLE);
    // every field, top-level or nested, has an id of its own; the top-level ones keep 1..4
    Set<Integer> ids = new HashSet<>();
    for (Field f : schema.fields()) {
      assertThat(ids.add(f.id())).isTrue();
      TypeUtil.forEachField(f.type(), n -> assertThat(ids.add(n.id())).as("id of %s", n.name()).isTrue());
    }
    assertThat(schema.fields()).extracting(Field::id).containsExactly(1, 2, 3, 4);
    assertThat(ids).hasSize(4 + 2 + 1 + 2);

    // fields added later, inside a struct or as a nested column, take ids the table never used
    spark.sql("ALTER TABLE snaplog." + ns + ".ids ADD COLUMN s.c DATE");
    spark.sql("ALTER TABLE snaplog." + ns + ".ids ADD COLUMN tags ARRAY<STRUCT<k: STRING, v: STRING>>");
    Schema evolved = SharedSpark.api().loadTable(TableId.of(ns, "ids")).schema();
    assertThat(evolved.field("s").type().fields()).extracting(Field::name).containsExactly("a", "b", "c");
    Set<Integer> all = new HashSet<>();
    for (Field f : evolved.fields()) {
      assertThat(all.add(f.id())).isTrue();
      TypeUtil.forEachField(f.type(), n -> assertThat(all.add(n.id())).as("id of %s", n.name()).isTrue());
    }
    assertThat(all).containsAll(ids).hasSize(ids.size() + 1 + 1 + 3);
  }

  @Test
  void sqlWritesNestedValuesThatTheApiAndSparkReadBack() {
    String t = "snaplog." + ns + ".events";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, s STRUCT<a: INT, b: STRING>, l ARRAY<BIGINT>,"
        + " m MAP<STRING, DOUBLE>)");
    spark.sql("INSERT INTO " + t + " VALUES"
        + " (1, named_struct('a', 7, 'b', 'x'), array(1, 2, 3), map('k', 1.5, 'z', 2.5)),"
        + " (2, named_struct('a', null, 'b', 'y'), array(4, null), map()),"
        + " (3, null, null, null)");

    List<Record> rows = new ArrayList<>(SharedSpark.apiRows(TableId.of(ns, "events")));
    rows.sort(Comparator.comparing(r -> (Long) r.get("id")));
    assertThat(rows).hasSize(3);
    Record s1 = (Record) rows.get(0).get("s");
    assertThat(s1.get("a")).isEqualTo(7);
    assertThat(s1.get("b")).isEqualTo("x");
    assertThat(rows.get(0).get("l")).isEqualTo(List.of(1L, 2L, 3L));
    Map<String, Double> m1 = new LinkedHashMap<>();
    m1.put("k", 1.5);
    m1.put("z", 2.5);
    assertThat(rows.get(0).get("m")).isEqualTo(m1);
    assertThat(((Record) rows.get(1).get("s")).get("a")).isNull();
    List<Long> withNull = new ArrayList<>();
    withNull.add(4L);
    withNull.add(null);
    assertThat(rows.get(1).get("l")).isEqualTo(withNull);
    assertThat(rows.get(1).get("m")).isEqualTo(Map.of());
    assertThat(rows.get(2).get("s")).isNull();
    assertThat(rows.get(2).get("l")).isNull();

    List<Row> back = spark.sql("SELECT id, s.a, s.b, l[1], m['z'], size(l) FROM " + t + " ORDER BY id")
        .collectAsList();
    assertThat(back).map(Row::toString).containsExactly("[1,7,x,2,2.5,3]", "[2,null,y,null,null,2]",
        "[3,null,null,null,null,null]");
    assertThat(spark.sql("SELECT id FROM " + t + " WHERE s.b = 'y' OR array_contains(l, 3) ORDER BY id")
        .collectAsList()).map(r -> r.getLong(0)).containsExactly(1L, 2L);
  }

  @Test
  void tablesWrittenByTheApiReadInSparkAndDataFramesAppendToThem() throws Exception {
    TableId id = TableId.of(ns, "fromapi");
    Schema schema = Schema.parse("id long not null, p struct<x double, tags list<string>>,"
        + " counts map<string, int>");
    Table table = SharedSpark.api().createTable(id, schema);
    Type p = schema.field("p").type();
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("a", 1);
    counts.put("b", null);
    table.newAppend().appendRecords(List.of(
        GenericRecord.of(schema, 1L, GenericRecord.of(p.asSchema(), 0.5, List.of("u", "v")), counts),
        GenericRecord.of(schema, 2L, null, Map.of()))).commit();

    String t = "snaplog." + ns + ".fromapi";
    assertThat(spark.sql("SELECT id, p.x, p.tags, counts FROM " + t + " ORDER BY id").collectAsList())
        .map(Row::toString).containsExactly("[1,0.5,ArraySeq(u, v),Map(a -> 1, b -> null)]", "[2,null,null,Map()]");

    spark.sql("SELECT 3L AS id, named_struct('x', 1.25D, 'tags', array('w')) AS p, map('c', 3) AS counts")
        .writeTo(t).append();
    Record appended = SharedSpark.apiRows(id).stream().filter(r -> r.get("id").equals(3L)).findFirst()
        .orElseThrow();
    assertThat(((Record) appended.get("p")).get("x")).isEqualTo(1.25);
    assertThat(((Record) appended.get("p")).get("tags")).isEqualTo(List.of("w"));
    assertThat(appended.get("counts")).isEqualTo(Map.of("c", 3));
  }

  @Test
  void deleteUpdateAndMergeKeepTheOtherRowsNestedValues() {
    String t = "snaplog." + ns + ".changes";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, s STRUCT<a: INT, b: ARRAY<STRING>>)");
    spark.sql("INSERT INTO " + t + " VALUES (1, named_struct('a', 1, 'b', array('p'))),"
        + " (2, named_struct('a', 2, 'b', array('q', 'r'))), (3, named_struct('a', 3, 'b', array()))");
    spark.sql("DELETE FROM " + t + " WHERE s.a = 1");
    spark.sql("UPDATE " + t + " SET s = named_struct('a', 30, 'b', array('u')) WHERE id = 3");
    spark.sql("MERGE INTO " + t + " USING (SELECT 2L AS id, named_struct('a', 20, 'b', array('m')) AS s"
        + " UNION ALL SELECT 4L, named_struct('a', 40, 'b', array('n', 'o'))) src ON " + t + ".id = src.id"
        + " WHEN MATCHED THEN UPDATE SET s = src.s WHEN NOT MATCHED THEN INSERT *");
    assertThat(spark.sql("SELECT id, s.a, s.b FROM " + t + " ORDER BY id").collectAsList()).map(Row::toString)
        .containsExactly("[2,20,ArraySeq(m)]", "[3,30,ArraySeq(u)]", "[4,40,ArraySeq(n, o)]");
    List<Record> viaApi = new ArrayList<>(SharedSpark.apiRows(TableId.of(ns, "changes")));
    viaApi.sort(Comparator.comparing(r -> (Long) r.get("id")));
    assertThat(viaApi).map(r -> ((Record) r.get("s")).get("b")).containsExactly(List.of("m"), List.of("u"),
        List.of("n", "o"));
  }
}
