package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A streaming query in a child JVM, killed with SIGKILL while it commits micro-batches and restarted on the same
 * checkpoint, delivers every input row exactly once. Each kill lands wherever the query happens to be: writing
 * files, committing to the table, or writing its checkpoint.
 */
class StreamingKillTest {
  private static final int ROWS_PER_FILE = 20;
  /** Each kill costs a child JVM's Spark start (tens of seconds); {@code -Dsnaplog.spark.kills=N} runs more. */
  private static final int KILLS = Integer.getInteger("snaplog.spark.kills", 1);
  /** Input files, one per micro-batch: every kill waits for a batch of its own, so there are more than kills. */
  private static final int FILES = Math.max(8, 2 * KILLS + 2);
  private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(4);

  @Test
  void killedAndRestartedQueriesDeliverEveryRowOnce() throws Exception {
    Path root = Files.createTempDirectory(Files.createDirectories(Paths.get("target", "spark-tests")
        .toAbsolutePath()), "kill-");
    Path warehouse = Files.createDirectories(root.resolve("warehouse"));
    Path input = Files.createDirectories(root.resolve("input"));
    Path checkpoint = root.resolve("checkpoint");
    for (int f = 0; f < FILES; f++) {
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        lines.append("{\"id\": ").append(f * ROWS_PER_FILE + i).append("}\n");
      }
      Files.writeString(input.resolve(String.format("part-%03d.json", f)), lines);
    }
    TableId id = TableId.of("db", "events");
    try (Catalog api = Catalogs.open(warehouse.toString())) {
      api.createNamespace("db");
      api.createTable(id, Schema.parse("id long"));
      String[] args = {warehouse.toString(), input.toString(), checkpoint.toString(), "snaplog.db.events"};

      for (int k = 0; k < KILLS; k++) {
        int before = snapshots(api, id);
        Process child = start(root, args);
        try {
          awaitOrFail(() -> snapshots(api, id) > before, child, "a new micro-batch commit");
        } finally {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
          child.waitFor();
        }
      }
      Process last = start(root, args);
      try {
        awaitOrFail(() -> rowsCommitted(api, id) >= FILES * ROWS_PER_FILE, last, "every row committed");
      } finally {
        last.destroyForcibly();
        last.waitFor();
      }
      List<Record> rows;
      try (var all = api.loadTable(id).newScan().records()) {
        rows = all.toList();
      }
      assertThat(rows).map(r -> (Long) r.get("id")).hasSize(FILES * ROWS_PER_FILE).doesNotHaveDuplicates()
          .allMatch(v -> v >= 0 && v < FILES * ROWS_PER_FILE);
    }
  }

  private static int snapshots(Catalog api, TableId id) {
    return api.loadTable(id).snapshots().size();
  }

  private static long rowsCommitted(Catalog api, TableId id) {
    return api.loadTable(id).currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_RECORDS)).orElse(0L);
  }

  private static Process start(Path root, String[] args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.addAll(Arrays.asList(System.getProperty("spark.java.options", "").trim().split("\\s+")));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamingChild.class.getName()));
    cmd.addAll(Arrays.asList(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(root.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
  }

  private static void awaitOrFail(BooleanSupplier done, Process child, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NANOS;
    while (!done.getAsBoolean()) {
      if (!child.isAlive()) {
        throw new AssertionError("The streaming child exited (" + child.exitValue() + ") before " + what);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
