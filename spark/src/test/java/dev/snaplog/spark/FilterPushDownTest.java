package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filters pushed into Snaplog prune files, and results stay exactly Spark's: every query is also run over a
 * plain in-memory copy of the same rows, where Spark alone evaluates the filter.
 */
class FilterPushDownTest {
  private static final int FILES = 20;
  private static final int ROWS_PER_FILE = 50;
  private static SparkSession spark;
  private static String table;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    String ns = SharedSpark.newNamespace("filter");
    TableId id = TableId.of(ns, "events");
    Schema schema = Schema.parse("id long not null, cat string, score double, day date, ts timestamptz,"
        + " u uuid, amount decimal(9,2)");
    Table t = SharedSpark.api().createTable(id, schema);
    double[] scores = {0.0, -0.0, Double.NaN, 1.5, -3.25};
    for (int f = 0; f < FILES; f++) {
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        long n = (long) f * ROWS_PER_FILE + i;
        rows.add(GenericRecord.of(schema, n, n % 7 == 0 ? null : "c" + (n % 10), n % 11 == 0 ? null : scores[i % 5],
            LocalDate.of(2026, 1, 1).plusDays(f), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n * 60),
            new UUID(0, n), BigDecimal.valueOf(n, 2)));
      }
      t.newAppend().appendRecords(rows).commit(); // one file per append, ids ascending across files
    }
    table = "snaplog." + ns + ".events";
    Dataset<Row> all = spark.table(table);
    spark.createDataFrame(all.collectAsList(), all.schema()).createOrReplaceTempView("plain_copy");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "id = 7", "id < 20 OR id > 980", "NOT (id >= 10)", "id IN (1, 2, NULL)", "NOT (id IN (1, 2))",
      "id BETWEEN 120 AND 130", "cat IS NULL", "cat = 'c3'", "NOT (cat = 'c3')", "cat <=> NULL",
      "NOT (cat <=> 'c3')", "cat > 'c5' AND id < 500", "cat LIKE 'c1%'", "score = 0.0", "score > 1.0",
      "isnan(score)", "NOT (score = -0.0)", "day = DATE'2026-01-05'", "ts < TIMESTAMP'2026-01-01 03:00:00'",
      "u = '00000000-0000-0000-0000-00000000000A'", "NOT (u = '00000000-0000-0000-0000-00000000000a')",
      "amount = 1.05", "amount > 9.5 OR cat IS NULL", "id = 1000000"})
  void resultsMatchSparkAlone(String predicate) {
    List<String> got = sorted(spark.sql("SELECT * FROM " + table + " WHERE " + predicate));
    List<String> expected = sorted(spark.sql("SELECT * FROM plain_copy WHERE " + predicate));
    assertThat(got).as(predicate).isEqualTo(expected);
  }

  private static List<String> sorted(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void aSelectiveFilterReadsOnlyTheMatchingFiles() {
    assertThat(spark.table(table).javaRDD().getNumPartitions()).isEqualTo(FILES);
    assertThat(spark.sql("SELECT * FROM " + table + " WHERE id BETWEEN 120 AND 130").javaRDD()
        .getNumPartitions()).isEqualTo(1);
    assertThat(spark.sql("SELECT * FROM " + table + " WHERE day >= DATE'2026-01-19'").javaRDD()
        .getNumPartitions()).isEqualTo(2);
    assertThat(spark.sql("SELECT * FROM " + table + " WHERE id = 1000000").javaRDD().getNumPartitions())
        .isZero();
    // not pushed (see SparkFilters): every file is read
    assertThat(spark.sql("SELECT * FROM " + table + " WHERE score > 100").javaRDD().getNumPartitions())
        .isEqualTo(FILES);
  }

  /** {@code -Dsnaplog.spark.files=N} (default 1000) files of 3 rows each, added by one commit. */
  @Test
  void aSelectiveFilterOnAThousandFileTableReadsOnlyTheMatchingFiles() {
    int files = Integer.getInteger("snaplog.spark.files", 1000);
    TableId id = TableId.of(SharedSpark.newNamespace("manyfiles"), "events");
    Schema schema = Schema.parse("id long not null, cat string");
    Table t = SharedSpark.api().createTable(id, schema);
    dev.snaplog.core.AppendFiles append = t.newAppend();
    for (int f = 0; f < files; f++) {
      try (dev.snaplog.core.DataWriter writer = t.newDataWriter()) {
        for (int i = 0; i < 3; i++) {
          writer.write(GenericRecord.of(schema, (long) f * 3 + i, "c" + f));
        }
        append.appendFile(writer.complete());
      }
    }
    append.commit();
    String name = "snaplog." + id;
    assertThat(spark.table(name).javaRDD().getNumPartitions()).isEqualTo(files);
    Dataset<Row> selective = spark.sql("SELECT id FROM " + name + " WHERE id BETWEEN 301 AND 306");
    assertThat(selective.javaRDD().getNumPartitions()).isEqualTo(3); // the files of ids 300..302, ..., 306..308
    assertThat(selective.collectAsList()).map(r -> r.getLong(0)).containsExactlyInAnyOrder(301L, 302L, 303L, 304L,
        305L, 306L);
    Dataset<Row> byString = spark.sql("SELECT count(*) FROM " + name + " WHERE cat = 'c7'");
    assertThat(byString.first().getLong(0)).isEqualTo(3);
  }

  @Test
  void onlyTheColumnsAQueryNeedsAreRead() {
    String plan = spark.sql("SELECT cat FROM " + table + " WHERE id < 5").queryExecution().executedPlan()
        .toString();
    String columns = plan.substring(plan.indexOf("columns=[") + 9, plan.indexOf(']', plan.indexOf("columns=[")));
    assertThat(columns.split(", ")).containsExactlyInAnyOrder("id", "cat");
    assertThat(spark.sql("SELECT count(*) FROM " + table).first().getLong(0)).isEqualTo(FILES * ROWS_PER_FILE);
    assertThat(spark.sql("SELECT count(*) FROM " + table + " WHERE cat IS NULL").first().getLong(0))
        .isEqualTo(spark.sql("SELECT count(*) FROM plain_copy WHERE cat IS NULL").first().getLong(0));
  }
}
