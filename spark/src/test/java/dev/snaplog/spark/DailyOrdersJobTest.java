package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableId;
import dev.snaplog.spark.example.DailyOrdersJob;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example job runs against a local warehouse, checks its own outcomes, and leaves the history it describes. */
class DailyOrdersJobTest {
  @Test
  void theExampleJobLoadsEachDayOnceAndCorrectsByMerge() {
    String ns = "job_" + Long.toHexString(System.nanoTime());
    String report = DailyOrdersJob.run(SharedSpark.spark(), "snaplog", SharedSpark.warehouse().toString(), ns);
    assertThat(report).contains("loaded 3000 orders").contains("corrected 2 orders");

    List<Snapshot> history = SharedSpark.api().loadTable(TableId.of(ns, "orders")).snapshots();
    // three loads (the rerun of day 3 committed nothing) and the MERGE
    assertThat(history).hasSize(4);
    assertThat(SharedSpark.apiRows(TableId.of(ns, "orders"))).hasSize(3000);
  }
}
