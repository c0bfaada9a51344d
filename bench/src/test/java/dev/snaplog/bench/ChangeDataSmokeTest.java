package dev.snaplog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs workload 7 at toy size: both systems' deletes, upsert and compaction work and their results check out. */
class ChangeDataSmokeTest {
  @Test
  void everyChangeProducesBothSystemsNumbers(@TempDir Path dir) throws Exception {
    BenchMain.quietLogging();
    Report report = ChangeDataBench.run(
        new String[] {"--smoke", "--rounds", "2", "--dir", dir.resolve("data").toString()});
    List<Report.Line> lines = report.lines();
    for (String workload : List.of("7 delete 0.1%", "7 delete 10%", "7 upsert", "7 compact")) {
      assertThat(lines).as(workload).filteredOn(l -> l.workload().startsWith(workload)).hasSize(4);
    }
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.snaplog()).as(l.workload() + " " + l.metric()).isPositive();
      assertThat(l.iceberg()).as(l.workload() + " " + l.metric()).isPositive();
    });
  }
}
