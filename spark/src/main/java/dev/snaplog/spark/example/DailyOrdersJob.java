package dev.snaplog.spark.example;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableId;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/**
 * An example Spark job on a Snaplog table: loads three days of orders into a table partitioned by day, each load
 * once (a commit token per day, so a rerun of a day adds nothing), corrects two orders with {@code MERGE INTO},
 * and compares the corrected table with the snapshot before the correction by time travel. It checks each
 * outcome and throws {@link IllegalStateException} when one is not what it expects.
 *
 * <pre>
 *   spark-submit --class dev.snaplog.spark.example.DailyOrdersJob --jars &lt;snaplog jars&gt; \
 *     snaplog-spark.jar /path/to/warehouse          (or s3://bucket/prefix)
 * </pre>
 */
public final class DailyOrdersJob {
  private static final int ORDERS_PER_DAY = 1_000;

  private DailyOrdersJob() {}

  public static void main(String[] args) {
    String warehouse = args.length > 0 ? args[0] : "warehouse";
    SparkSession spark = SparkSession.builder().appName("snaplog-daily-orders")
        .master(System.getProperty("spark.master", "local[2]"))
        .config("spark.sql.catalog.snaplog", "dev.snaplog.spark.SnaplogCatalog")
        .config("spark.sql.catalog.snaplog.warehouse", warehouse)
        .getOrCreate();
    try {
      System.out.println(run(spark, "snaplog", warehouse, "shop"));
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the job against the Spark catalog {@code catalog}, whose warehouse is {@code warehouse}, in namespace
   * {@code namespace} (created if missing).
   *
   * @return what the job did, one line per step
   */
  public static String run(SparkSession spark, String catalog, String warehouse, String namespace) {
    String table = catalog + "." + namespace + ".orders";
    StringBuilder report = new StringBuilder();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + catalog + "." + namespace);
    spark.sql("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT NOT NULL, day DATE, amount DECIMAL(10,2),"
        + " status STRING) PARTITIONED BY (day)");

    for (int day = 1; day <= 3; day++) {
      load(spark, table, day);
    }
    load(spark, table, 3); // a rerun of day 3, say after a crash: its token is in the table, nothing is added
    long loaded = count(spark, "SELECT count(*) FROM " + table);
    expect(loaded == 3L * ORDERS_PER_DAY, "3 days of " + ORDERS_PER_DAY + " orders", loaded);
    report.append("loaded ").append(loaded).append(" orders over 3 days, day 3 loaded twice and kept once\n");

    long beforeCorrection = currentSnapshotId(warehouse, namespace);
    spark.sql("MERGE INTO " + table + " t USING (SELECT 1005L AS id, 99.50BD AS amount UNION ALL"
        + " SELECT 3007L, 0.00BD) c ON t.id = c.id"
        + " WHEN MATCHED THEN UPDATE SET amount = c.amount, status = 'corrected'");
    long corrected = count(spark, "SELECT count(*) FROM " + table + " WHERE status = 'corrected'");
    expect(corrected == 2, "2 corrected orders", corrected);
    long correctedBefore = count(spark, "SELECT count(*) FROM " + table + " VERSION AS OF " + beforeCorrection
        + " WHERE status = 'corrected'");
    expect(correctedBefore == 0, "no corrected order before the MERGE", correctedBefore);
    long after = count(spark, "SELECT count(*) FROM " + table);
    expect(after == loaded, "the MERGE to keep every order", after);
    report.append("corrected 2 orders; snapshot ").append(beforeCorrection).append(" still reads them as before\n");

    Row perDay = spark.sql("SELECT count(DISTINCT day), min(amount) FROM " + table).first();
    expect(perDay.getLong(0) == 3, "3 days", perDay.getLong(0));
    report.append("3 days, smallest amount ").append(perDay.getDecimal(1)).append('\n');
    return report.toString();
  }

  /** Appends day {@code day}'s orders once: the commit token {@code daily-orders:<day>} makes a rerun a no-op. */
  private static void load(SparkSession spark, String table, int day) {
    try {
      spark.range(ORDERS_PER_DAY)
          .selectExpr("id + " + day * ORDERS_PER_DAY + " AS id",
              "date_add(DATE'2026-12-01', " + (day - 1) + ") AS day",
              "CAST(10 + id % 90 AS DECIMAL(10,2)) AS amount", "'new' AS status")
          .writeTo(table).option("commit-token", "daily-orders:" + day).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("Table " + table + " was dropped while the job ran", e);
    }
  }

  private static long count(SparkSession spark, String sql) {
    return spark.sql(sql).first().getLong(0);
  }

  /** The table's current snapshot, through the Snaplog API: the id to time-travel back to. */
  private static long currentSnapshotId(String warehouse, String namespace) {
    try (Catalog api = Catalogs.open(warehouse)) {
      Snapshot current = api.loadTable(TableId.of(namespace, "orders")).currentSnapshot()
          .orElseThrow(() -> new IllegalStateException("the orders table has no snapshot after three loads"));
      return current.snapshotId();
    }
  }

  private static void expect(boolean ok, String what, Object got) {
    if (!ok) {
      throw new IllegalStateException("Expected " + what + ", got " + got);
    }
  }
}
