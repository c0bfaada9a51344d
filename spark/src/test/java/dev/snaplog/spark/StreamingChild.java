package dev.snaplog.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Runs a streaming query from JSON input files into a Snaplog table until the process is killed: the child
 * JVM of {@link StreamingKillTest}. Arguments: warehouse, input folder, checkpoint folder, table name.
 */
public final class StreamingChild {
  private StreamingChild() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("snaplog-streaming-child")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalog.snaplog", SnaplogCatalog.class.getName())
        .config("spark.sql.catalog.snaplog.warehouse", args[0])
        .getOrCreate();
    StreamingQuery q = spark.readStream().schema("id BIGINT").option("maxFilesPerTrigger", "1").json(args[1])
        .writeStream().option("checkpointLocation", args[2]).trigger(Trigger.ProcessingTime(100))
        .toTable(args[3]);
    System.out.println("RUNNING " + q.id());
    System.out.flush();
    q.awaitTermination();
  }
}
