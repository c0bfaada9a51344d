package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadWriteTest {
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("rw");
  }

  /** A row as comparable values: binary as a list of bytes, everything else as it is. */
  private static List<Object> values(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      out.add(v instanceof byte[] b ? Arrays.toString(b) : v);
    }
    return out;
  }

  private static List<Object> values(Record r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      if (v instanceof ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        v = Arrays.toString(bytes);
      } else if (v instanceof UUID u) {
        v = u.toString();
      }
      out.add(v);
    }
    return out;
  }

  @Test
  void sqlInsertsEveryTypeAndTheApiReadsTheSameRows() {
    String t = "snaplog." + ns + ".alltypes";
    spark.sql("CREATE TABLE " + t + " (b BOOLEAN, i INT NOT NULL, l BIGINT, f FLOAT, d DOUBLE, dec DECIMAL(20,4),"
        + " s STRING, bin BINARY, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ)");
    spark.sql("INSERT INTO " + t + " VALUES"
        + " (true, 1, 10000000000, 1.5, -2.25, 12345678901234.5678, 'héllo 😀', X'00FF10', DATE'2026-01-31',"
        + "  TIMESTAMP'2026-01-31 10:00:00.123456', TIMESTAMP_NTZ'2026-01-31 10:00:00.654321'),"
        + " (null, 2, null, null, null, null, null, null, null, null, null)");
    TableId id = TableId.of(ns, "alltypes");

    List<Record> viaApi = SharedSpark.apiRows(id);
    assertThat(viaApi).hasSize(2);
    Record first = viaApi.stream().filter(r -> r.get("i").equals(1)).findFirst().orElseThrow();
    assertThat(first.get("l")).isEqualTo(10_000_000_000L);
    assertThat(first.get("dec")).isEqualTo(new BigDecimal("12345678901234.5678"));
    assertThat(first.get("s")).isEqualTo("héllo 😀");
    assertThat(first.get("bin")).isEqualTo(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, 0x10}));
    assertThat(first.get("dt")).isEqualTo(LocalDate.of(2026, 1, 31));
    assertThat(first.get("ts")).isEqualTo(Instant.parse("2026-01-31T10:00:00.123456Z"));
    assertThat(first.get("ntz")).isEqualTo(LocalDateTime.parse("2026-01-31T10:00:00.654321"));

    List<List<Object>> viaSpark = spark.table(t).collectAsList().stream().map(ReadWriteTest::values).toList();
    assertThat(viaSpark).containsExactlyInAnyOrderElementsOf(viaApi.stream().map(ReadWriteTest::values).toList());
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow().summary())
        .containsKey("spark.query-id");
  }

  @Test
  void tablesWrittenByTheApiReadTheSameInSpark() {
    TableId id = TableId.of(ns, "apiwritten");
    Schema schema = Schema.parse("id long not null, u uuid, t time, msg string");
    Table table = SharedSpark.api().createTable(id, schema);
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      rows.add(GenericRecord.of(schema, (long) i, i % 5 == 0 ? null : new UUID(i, -i),
          LocalTime.of(i % 24, i, 0, i * 1000), "m" + i));
    }
    table.newAppend().appendRecords(rows.subList(0, 20)).commit();
    table.newAppend().appendRecords(rows.subList(20, 50)).commit();

    List<List<Object>> viaSpark = spark.table("snaplog." + ns + ".apiwritten").collectAsList().stream()
        .map(ReadWriteTest::values).toList();
    assertThat(viaSpark).containsExactlyInAnyOrderElementsOf(rows.stream().map(ReadWriteTest::values).toList());

    // a uuid column takes canonical uuid strings back from Spark
    spark.sql("INSERT INTO snaplog." + ns + ".apiwritten VALUES (100, '00000000-0000-0001-0000-000000000002',"
        + " TIME'01:02:03.000004', 'back')");
    Record back = SharedSpark.apiRows(id).stream().filter(r -> r.get("id").equals(100L)).findFirst().orElseThrow();
    assertThat(back.get("u")).isEqualTo(new UUID(1, 2));
    assertThat(back.get("t")).isEqualTo(LocalTime.of(1, 2, 3, 4000));
    assertThatThrownBy(() -> spark.sql("INSERT INTO snaplog." + ns + ".apiwritten VALUES (101, 'not-a-uuid',"
        + " null, 'x')")).hasStackTraceContaining("'not-a-uuid' is not a uuid");
    assertThat(SharedSpark.apiRows(id)).hasSize(51);
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(SharedSpark.dataFilesInTable(id).size());
  }

  @Test
  void dataFramesAppendByTableNameAndByPath() throws Exception {
    String t = "snaplog." + ns + ".frames";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, name STRING)");
    TableId id = TableId.of(ns, "frames");
    Dataset<Row> first = spark.range(0, 1000).selectExpr("id", "concat('n', id) AS name").repartition(4);
    first.writeTo(t).append();
    Snapshot s1 = SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow();
    assertThat(s1.summaryLong(Snapshot.ADDED_FILES)).isEqualTo(4); // one commit holding every task's file
    assertThat(s1.summaryLong(Snapshot.ADDED_RECORDS)).isEqualTo(1000);

    String location = SharedSpark.warehouse().resolve(ns).resolve("frames").toString();
    spark.range(1000, 1500).selectExpr("id", "concat('n', id) AS name").write().format("snaplog").mode("append")
        .save(location);
    spark.range(1500, 1600).selectExpr("concat('n', id) AS name", "id").write().format("snaplog")
        .mode("append").save(ns + ".frames"); // by name, in the catalog's warehouse; columns matched by name

    assertThat(SharedSpark.apiRows(id)).hasSize(1600);
    assertThat(spark.read().format("snaplog").load(location).count()).isEqualTo(1600);
    assertThat(spark.read().format("snaplog").load(ns + ".frames").where("id >= 1500").count()).isEqualTo(100);
    assertThat(spark.read().format("snaplog").option("warehouse", SharedSpark.warehouse().toString())
        .load(ns + ".frames").selectExpr("max(id)").first().getLong(0)).isEqualTo(1599);
    assertThat(spark.sql("SELECT count(*) FROM " + t + " WHERE name = 'n7'").first().getLong(0)).isEqualTo(1);
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(SharedSpark.dataFilesInTable(id).size());

    assertThatThrownBy(() -> spark.read().format("snaplog").load("nonsense")).hasMessageContaining("neither");
    assertThatThrownBy(() -> spark.read().format("snaplog").load(ns + ".missing"))
        .hasMessageContaining(ns + ".missing");
  }

  @Test
  void nullsInRequiredColumnsAreRefusedAndNothingIsCommitted() {
    String t = "snaplog." + ns + ".required";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL, v STRING)");
    TableId id = TableId.of(ns, "required");
    StructType nullable = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.LongType, true),
        DataTypes.createStructField("v", DataTypes.StringType, true)));
    Dataset<Row> withNull = spark.createDataFrame(List.of(RowFactory.create(1L, "a"), RowFactory.create(null, "b")),
        nullable);
    assertThatThrownBy(() -> withNull.writeTo(t).append()).hasStackTraceContaining("id");
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot()).isEmpty();
    assertThat(SharedSpark.dataFilesOnDisk(id)).isEmpty();
  }
}
