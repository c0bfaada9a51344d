package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableId;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Failed task attempts and failed jobs leave nothing in the table; tokens make a job's commit happen once. */
class WriteFailureTest {
  private static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();
  private static final AtomicInteger SUCCEEDED_TASKS = new AtomicInteger();
  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("fail");
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo().successful()) {
          SUCCEEDED_TASKS.incrementAndGet();
        }
      }
    });
  }

  /**
   * Passes rows through, but in partition 1 throws after ten rows: on the first attempt only, or on every
   * attempt. Local mode runs tasks in this JVM, so the counters are shared with the test.
   */
  static final class FailingPartition implements MapPartitionsFunction<Long, Long> {
    private final boolean always;
    private final int waitForSucceededTasks;

    FailingPartition(boolean always, int waitForSucceededTasks) {
      this.always = always;
      this.waitForSucceededTasks = waitForSucceededTasks;
    }

    @Override
    public Iterator<Long> call(Iterator<Long> input) throws InterruptedException {
      TaskContext task = TaskContext.get();
      boolean fail = task.partitionId() == 1 && (always || task.attemptNumber() == 0);
      if (fail) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (SUCCEEDED_TASKS.get() < waitForSucceededTasks && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
      }
      return new Iterator<>() {
        private int n;

        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Long next() {
          if (fail && ++n > 10) {
            INJECTED_FAILURES.incrementAndGet();
            throw new IllegalStateException("injected failure");
          }
          return input.next();
        }
      };
    }
  }

  private static Dataset<Row> rows(long from, long to, int partitions, FailingPartition fn) {
    return spark.range(from, to, 1, partitions).as(Encoders.LONG()).mapPartitions(fn, Encoders.LONG())
        .toDF("id");
  }

  @Test
  void aTaskThatFailsOnceCommitsEachRowOnce() throws Exception {
    String t = "snaplog." + ns + ".retried";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    TableId id = TableId.of(ns, "retried");
    int failuresBefore = INJECTED_FAILURES.get();

    rows(0, 400, 4, new FailingPartition(false, 0)).writeTo(t).append();

    assertThat(INJECTED_FAILURES.get() - failuresBefore).isEqualTo(1);
    List<Record> committed = SharedSpark.apiRows(id);
    assertThat(committed).map(r -> (Long) r.get("id")).hasSize(400).doesNotHaveDuplicates()
        .allMatch(v -> v >= 0 && v < 400);
    Snapshot s = SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow();
    assertThat(s.summaryLong(Snapshot.ADDED_FILES)).isEqualTo(4);
    assertThat(SharedSpark.api().loadTable(id).snapshots()).hasSize(1);
    // the failed attempt's half-written file was removed, not left beside the committed ones
    assertThat(SharedSpark.dataFilesOnDisk(id)).map(p -> p.toUri().getPath().replaceAll("/$", ""))
        .containsExactlyInAnyOrderElementsOf(SharedSpark.dataFilesInTable(id));
  }

  @Test
  void aFailedJobCommitsNothingAndRemovesItsFiles() {
    String t = "snaplog." + ns + ".failed";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    TableId id = TableId.of(ns, "failed");
    // partition 1 fails on every attempt, but only once the three other tasks have been handled by the driver,
    // so their files are completed and then deleted by the job's abort
    int waitFor = SUCCEEDED_TASKS.get() + 3;
    assertThatThrownBy(() -> rows(0, 400, 4, new FailingPartition(true, waitFor)).writeTo(t).append())
        .hasStackTraceContaining("injected failure");
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot()).isEmpty();
    assertThat(SharedSpark.dataFilesOnDisk(id)).isEmpty();
  }

  @Test
  void aJobRunAgainWithItsCommitTokenCommitsOnce() throws Exception {
    String t = "snaplog." + ns + ".tokens";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    TableId id = TableId.of(ns, "tokens");
    spark.range(0, 100, 1, 2).writeTo(t).option("commit-token", "nightly:1").append();
    Snapshot first = SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow();
    assertThat(first.summary()).containsEntry(Snapshot.COMMIT_TOKEN, "nightly:1");

    spark.range(0, 100, 1, 2).writeTo(t).option("commit-token", "nightly:1").append(); // the run again
    assertThat(SharedSpark.api().loadTable(id).currentSnapshot()).hasValue(first);
    assertThat(SharedSpark.apiRows(id)).hasSize(100);
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(2); // the second run wrote no file

    spark.range(100, 150, 1, 1).writeTo(t).option("commit-token", "nightly:2")
        .option("snapshot-property.job", "nightly-run-2").append();
    Snapshot third = SharedSpark.api().loadTable(id).currentSnapshot().orElseThrow();
    assertThat(third.summary()).containsEntry("job", "nightly-run-2");
    assertThat(SharedSpark.apiRows(id)).hasSize(150);

    assertThatThrownBy(() -> spark.range(0, 1).writeTo(t).option("commit-token", "no-sequence").append())
        .hasMessageContaining("WRITER:SEQUENCE");
    assertThatThrownBy(() -> spark.range(0, 1).writeTo(t).option("branch", "nope").append())
        .hasMessageContaining("no branch 'nope'");
    assertThat(SharedSpark.dataFilesOnDisk(id)).hasSize(SharedSpark.dataFilesInTable(id).size());
  }
}
