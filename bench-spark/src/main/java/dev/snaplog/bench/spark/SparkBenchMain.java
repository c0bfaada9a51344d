package dev.snaplog.bench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/**
 * Spark writing, reading and deleting through the Snaplog connector and through Apache Iceberg's Spark runtime,
 * on the same Spark session, the same generated rows and the same machine, round after round in turn. Each
 * figure is the median of the rounds with its range, after one unrecorded warm-up round per format.
 *
 * <p>Per round and format: a new table; an append of {@code rows} rows (id, ts, category, value); a full read
 * (sums over every column, so neither format can answer from its statistics); a {@code DELETE} of 1% of the
 * rows by a predicate no statistic can prune ({@code id % 100 = 0}); the same full read again. Both formats
 * delete merge-on-read (Snaplog's default; Iceberg format 3 with deletion vectors).
 *
 * <p>Arguments: {@code --rows N --rounds R --dir PATH --out FILE}.
 */
public final class SparkBenchMain {
  private static final List<String> FORMATS = List.of("snaplog", "iceberg");
  private static final List<String> MEASURES =
      List.of("write rows/s", "full read rows/s", "delete 1% ms", "full read after delete rows/s");

  private SparkBenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    long rows = Long.parseLong(opts.getOrDefault("rows", "1000000"));
    int rounds = Integer.parseInt(opts.getOrDefault("rounds", "3"));
    Path dir = Files.createDirectories(Path.of(opts.getOrDefault("dir", "bench-spark/target/work")));
    Path out = Path.of(opts.getOrDefault("out", "bench-spark/target/results.md"));

    SparkSession spark = session(dir);
    spark.sparkContext().setLogLevel("WARN");
    spark.sql("CREATE NAMESPACE IF NOT EXISTS snaplog.bench");
    spark.sql("CREATE NAMESPACE IF NOT EXISTS iceberg.bench");
    Dataset<Row> input = spark.range(rows).selectExpr("id",
        "timestamp_micros(1767225600000000 + id * 1000000) AS ts",
        "concat('category-', CAST(id % 10 AS STRING)) AS category",
        "CAST(id AS DOUBLE) * 0.5 AS value");

    // one unrecorded round on a tenth of the rows: class loading and JIT warm-up would otherwise land on
    // whichever format goes first
    for (String format : FORMATS) {
      round(spark, input.limit((int) Math.max(1, rows / 10)), Math.max(1, rows / 10), format, "warmup");
    }
    Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      // alternate which format goes first, so neither always runs on a cache the other just warmed
      List<String> order = round % 2 == 1 ? FORMATS : List.of(FORMATS.get(1), FORMATS.get(0));
      for (String format : order) {
        Map<String, Double> one = round(spark, input, rows, format, "t" + round);
        System.out.printf("round %d %s %s%n", round, format, one);
        one.forEach((measure, value) -> samples.computeIfAbsent(format, f -> new LinkedHashMap<>())
            .computeIfAbsent(measure, m -> new ArrayList<>()).add(value));
      }
    }
    String report = report(samples, rows, rounds);
    System.out.println(report);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, report);
    spark.stop();
  }

  private static Map<String, Double> round(SparkSession spark, Dataset<Row> input, long rows, String format,
      String name) throws NoSuchTableException {
    String table = format + ".bench." + name;
    // merge-on-read on both sides (Snaplog's default, stated anyway): deletion vectors, no file rewritten
    String properties = format.equals("iceberg")
        ? " TBLPROPERTIES ('format-version'='3', 'write.delete.mode'='merge-on-read')"
        : " TBLPROPERTIES ('write.delete.mode'='merge-on-read')";
    spark.sql("DROP TABLE IF EXISTS " + table);
    spark.sql("CREATE TABLE " + table + " (id BIGINT, ts TIMESTAMP, category STRING, value DOUBLE)" + properties);

    Map<String, Double> result = new LinkedHashMap<>();
    long start = System.nanoTime();
    input.writeTo(table).append();
    result.put(MEASURES.get(0), rows / seconds(start));
    result.put(MEASURES.get(1), rows / timedFullRead(spark, table, rows));

    start = System.nanoTime();
    try {
      spark.sql("DELETE FROM " + table + " WHERE id % 100 = 0");
    } catch (Exception e) { // Scala declares nothing: AnalysisException arrives unchecked
      if (!(e instanceof AnalysisException)) {
        throw e;
      }
      // a connector without row-level deletes: the report says so instead of losing the other figures
      System.out.println(format + ": DELETE refused: " + e.getMessage());
      result.put(MEASURES.get(2), Double.NaN);
      result.put(MEASURES.get(3), Double.NaN);
      return result;
    }
    result.put(MEASURES.get(2), seconds(start) * 1000);
    long left = rows - (rows + 99) / 100;
    result.put(MEASURES.get(3), left / timedFullRead(spark, table, left));
    return result;
  }

  /** Seconds to read every column of every row; fails loudly when the row count is not the expected one. */
  private static double timedFullRead(SparkSession spark, String table, long expectedRows) {
    long start = System.nanoTime();
    Row r = spark.sql("SELECT count(*), sum(id), sum(value), max(ts), max(category) FROM " + table).first();
    double seconds = seconds(start);
    if (r.getLong(0) != expectedRows) {
      throw new IllegalStateException(table + " returned " + r.getLong(0) + " rows, expected " + expectedRows);
    }
    return seconds;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static SparkSession session(Path dir) {
    return SparkSession.builder()
        .master("local[2]")
        .appName("snaplog-spark-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", dir.resolve("spark-warehouse").toString())
        .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.catalog.snaplog", "dev.snaplog.spark.SnaplogCatalog")
        .config("spark.sql.catalog.snaplog.warehouse", dir.resolve("snaplog").toString())
        .config("spark.sql.catalog.iceberg", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.iceberg.type", "hadoop")
        .config("spark.sql.catalog.iceberg.warehouse", dir.resolve("iceberg").toString())
        .getOrCreate();
  }

  private static String report(Map<String, Map<String, List<Double>>> samples, long rows, int rounds) {
    StringBuilder md = new StringBuilder();
    md.append(String.format("%,d rows, %d rounds, local[2]; median (min-max)%n%n", rows, rounds));
    md.append("| measure | Snaplog | Iceberg | Snaplog / Iceberg |\n|---|---|---|---|\n");
    for (String measure : MEASURES) {
      List<Double> s = samples.get("snaplog").get(measure);
      List<Double> i = samples.get("iceberg").get(measure);
      md.append(String.format("| %s | %s | %s | %.2f |%n", measure, spread(s), spread(i), median(s) / median(i)));
    }
    return md.toString();
  }

  private static String spread(List<Double> values) {
    if (values.stream().anyMatch(v -> v.isNaN())) {
      return "not supported";
    }
    List<Double> sorted = values.stream().sorted().toList();
    return String.format("%,.0f (%,.0f-%,.0f)", median(values), sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }
}
