package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming sink: each micro-batch is one commit with {@code <query id>:<batch id>} as its token, and a
 * query restarted on its checkpoint delivers every row once, also when it replays a batch whose commit landed
 * in the table but not in the checkpoint (as after a crash between the two).
 */
class StreamingSinkTest {
  private static final int ROWS_PER_FILE = 25;
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("stream");
  }

  private static void writeInputFile(Path dir, int index) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < ROWS_PER_FILE; i++) {
      lines.append("{\"id\": ").append((long) index * ROWS_PER_FILE + i).append("}\n");
    }
    Path tmp = dir.getParent().resolve("in-" + index + ".tmp");
    Files.writeString(tmp, lines);
    Files.move(tmp, dir.resolve(String.format("part-%03d.json", index))); // appear whole to the file source
  }

  /** Runs the query until it has processed every input file there is, then stops it. */
  private static StreamingQuery runToEnd(Path input, Path checkpoint, String table) throws Exception {
    StreamingQuery q = spark.readStream().schema("id BIGINT").option("maxFilesPerTrigger", "1")
        .json(input.toString())
        .writeStream().option("checkpointLocation", checkpoint.toString()).trigger(Trigger.AvailableNow())
        .toTable(table);
    q.awaitTermination();
    return q;
  }

  private static List<String> tokens(TableId id) {
    List<String> out = new ArrayList<>();
    for (Snapshot s : SharedSpark.api().loadTable(id).snapshots()) {
      out.add(0, s.summary().get(Snapshot.COMMIT_TOKEN));
    }
    return out;
  }

  @Test
  void everyRowLandsOnceAcrossRestartsAndReplays() throws Exception {
    String t = "snaplog." + ns + ".events";
    spark.sql("CREATE TABLE " + t + " (id BIGINT)");
    TableId id = TableId.of(ns, "events");
    Path root = Files.createTempDirectory(SharedSpark.warehouse().getParent(), "stream-");
    Path input = Files.createDirectories(root.resolve("input"));
    Path checkpoint = root.resolve("checkpoint");
    for (int i = 0; i < 3; i++) {
      writeInputFile(input, i);
    }

    StreamingQuery first = runToEnd(input, checkpoint, t);
    String queryId = first.id().toString();
    assertThat(tokens(id)).containsExactly(queryId + ":0", queryId + ":1", queryId + ":2");

    writeInputFile(input, 3);
    writeInputFile(input, 4);
    StreamingQuery second = runToEnd(input, checkpoint, t);
    assertThat(second.id().toString()).isEqualTo(queryId); // the id lives in the checkpoint
    assertThat(tokens(id)).hasSize(5).endsWith(queryId + ":4");

    // as if the query had died after its last commit reached the table and before the checkpoint recorded it
    Files.delete(checkpoint.resolve("commits").resolve("4"));
    Files.deleteIfExists(checkpoint.resolve("commits").resolve(".4.crc"));
    StreamingQuery third = runToEnd(input, checkpoint, t);
    assertThat(third.recentProgress()).anyMatch(p -> p.batchId() == 4 && p.numInputRows() == ROWS_PER_FILE);
    assertThat(tokens(id)).hasSize(5); // batch 4 ran again; its token was already committed

    List<Record> rows = SharedSpark.apiRows(id);
    assertThat(rows).map(r -> (Long) r.get("id")).hasSize(5 * ROWS_PER_FILE).doesNotHaveDuplicates()
        .allMatch(v -> v >= 0 && v < 5 * ROWS_PER_FILE);
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(SharedSpark.dataFilesInTable(id).size());
  }

  /**
   * Stops a running query as soon as a micro-batch has landed in the table, often in the middle of the next
   * one, and starts it again on its checkpoint, {@code -Dsnaplog.spark.restarts=N} times (default 10).
   */
  @Test
  void aQueryStoppedAndRestartedManyTimesDeliversEveryRowOnce() throws Exception {
    int restarts = Integer.getInteger("snaplog.spark.restarts", 10);
    String t = "snaplog." + ns + ".restarted";
    spark.sql("CREATE TABLE " + t + " (id BIGINT)");
    TableId id = TableId.of(ns, "restarted");
    Path root = Files.createTempDirectory(SharedSpark.warehouse().getParent(), "stream-");
    Path input = Files.createDirectories(root.resolve("input"));
    Path checkpoint = root.resolve("checkpoint");
    int files = restarts * 2 + 2;
    for (int i = 0; i < files; i++) {
      writeInputFile(input, i);
    }
    for (int run = 0; run < restarts; run++) {
      int landed = SharedSpark.api().loadTable(id).snapshots().size();
      StreamingQuery q = spark.readStream().schema("id BIGINT").option("maxFilesPerTrigger", "1")
          .json(input.toString())
          .writeStream().option("checkpointLocation", checkpoint.toString()).toTable(t);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
      while (SharedSpark.api().loadTable(id).snapshots().size() == landed && q.isActive()
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      q.stop();
      assertThat(q.exception().isEmpty()).as("run %d failed: %s", run, q.exception()).isTrue();
    }
    runToEnd(input, checkpoint, t);

    assertThat(SharedSpark.apiRows(id)).map(r -> (Long) r.get("id")).hasSize(files * ROWS_PER_FILE)
        .doesNotHaveDuplicates();
    assertThat(tokens(id)).hasSize(files).doesNotHaveDuplicates();
  }

  @Test
  void onlyAppendModeIsAccepted() throws Exception {
    String t = "snaplog." + ns + ".counts";
    spark.sql("CREATE TABLE " + t + " (id BIGINT, n BIGINT NOT NULL)");
    Path root = Files.createTempDirectory(SharedSpark.warehouse().getParent(), "stream-");
    Path input = Files.createDirectories(root.resolve("input"));
    writeInputFile(input, 0);
    assertThatThrownBy(() -> spark.readStream().schema("id BIGINT").json(input.toString()).groupBy("id").count()
        .withColumnRenamed("count", "n").writeStream().outputMode("complete")
        .option("checkpointLocation", root.resolve("cp").toString()).toTable(t).awaitTermination())
        .hasMessageContaining("Output mode complete").hasMessageContaining("use output mode append");
    assertThat(SharedSpark.api().loadTable(TableId.of(ns, "counts")).currentSnapshot()).isEmpty();
  }
}
