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

  @Test
  void anOverwriteWithATaskThatFailsOnceReplacesTheRowsOnce() throws Exception {
    String t = "snaplog." + ns + ".overwritten";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    TableId id = TableId.of(ns, "overwritten");
    spark.range(0, 100, 1, 2).writeTo(t).append();
    int failuresBefore = INJECTED_FAILURES.get();

    rows(1000, 1400, 4, new FailingPartition(false, 0)).writeTo(t).overwrite(org.apache.spark.sql.functions.lit(true));

    assertThat(INJECTED_FAILURES.get() - failuresBefore).isEqualTo(1);
    assertThat(SharedSpark.apiRows(id)).map(r -> (Long) r.get("id")).hasSize(400).doesNotHaveDuplicates()
        .allMatch(v -> v >= 1000 && v < 1400);
    assertThat(SharedSpark.api().loadTable(id).snapshots()).hasSize(2);
    assertThat(SharedSpark.dataFilesOnDisk(id)).map(p -> p.toUri().getPath().replaceAll("/$", ""))
        .containsAll(SharedSpark.dataFilesInTable(id)).hasSize(4 + 2); // the replaced files stay for history
  }

  /**
   * Two attempts of the same task both write all its rows, as a speculative duplicate does; Spark's commit
   * coordinator lets the first commit and makes the other abort. Local mode never launches speculative
   * attempts (they must run on another host), so this drives the connector's write interfaces as Spark's
   * writing task does.
   */
  @Test
  void aDuplicateTaskAttemptContributesNothing() throws Exception {
    String t = "snaplog." + ns + ".duplicated";
    spark.sql("CREATE TABLE " + t + " (id BIGINT NOT NULL)");
    TableId id = TableId.of(ns, "duplicated");
    SnaplogCatalog catalog = new SnaplogCatalog();
    catalog.initialize("snaplog", new org.apache.spark.sql.util.CaseInsensitiveStringMap(
        java.util.Map.of(SnaplogCatalog.WAREHOUSE, SharedSpark.warehouse().toString())));
    org.apache.spark.sql.connector.catalog.SupportsWrite table = (org.apache.spark.sql.connector.catalog.SupportsWrite)
        catalog.loadTable(org.apache.spark.sql.connector.catalog.Identifier.of(new String[] {ns}, "duplicated"));
    org.apache.spark.sql.types.StructType schema = table.schema();
    org.apache.spark.sql.connector.write.LogicalWriteInfo info = new org.apache.spark.sql.connector.write.LogicalWriteInfo() {
      @Override
      public org.apache.spark.sql.util.CaseInsensitiveStringMap options() {
        return org.apache.spark.sql.util.CaseInsensitiveStringMap.empty();
      }

      @Override
      public String queryId() {
        return "duplicate-attempts";
      }

      @Override
      public org.apache.spark.sql.types.StructType schema() {
        return schema;
      }
    };
    org.apache.spark.sql.connector.write.BatchWrite batch = table.newWriteBuilder(info).build().toBatch();
    org.apache.spark.sql.connector.write.DataWriterFactory factory = batch.createBatchWriterFactory(() -> 2);
    org.apache.spark.sql.connector.write.WriterCommitMessage[] messages =
        new org.apache.spark.sql.connector.write.WriterCommitMessage[2];
    for (int partition = 0; partition < 2; partition++) {
      var first = factory.createWriter(partition, 10 + partition);
      var duplicate = factory.createWriter(partition, 20 + partition);
      for (long v = partition * 100L; v < partition * 100L + 100; v++) {
        first.write(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(new Object[] {v}));
        duplicate.write(new org.apache.spark.sql.catalyst.expressions.GenericInternalRow(new Object[] {v}));
      }
      messages[partition] = first.commit(); // authorised by the coordinator
      duplicate.abort(); // denied: Spark aborts the attempt
      first.close();
      duplicate.close();
    }
    batch.commit(messages);

    assertThat(SharedSpark.apiRows(id)).map(r -> (Long) r.get("id")).hasSize(200).doesNotHaveDuplicates();
    assertThat(SharedSpark.dataFilesOnDisk(id)).map(p -> p.toUri().getPath().replaceAll("/$", ""))
        .containsExactlyInAnyOrderElementsOf(SharedSpark.dataFilesInTable(id));
  }
}
