package dev.snaplog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every workload at toy size (seconds), so the bench keeps compiling and working against both APIs. */
class BenchSmokeTest {
  @Test
  void everyWorkloadProducesBothSystemsNumbers(@TempDir Path dir) throws Exception {
    BenchMain.quietLogging();
    Report report = BenchMain.run(new String[] {"--smoke", "--dir", dir.resolve("data").toString(), "--out",
        dir.resolve("results.md").toString()});
    List<Report.Line> lines = report.lines();
    for (String workload : List.of("1 append commit", "2 per commit", "3 concurrent appends", "4 plan", "5 time travel",
        "6 write", "6 read", "6 ceiling", "8 plan")) {
      assertThat(lines).as(workload).anyMatch(l -> l.workload().startsWith(workload));
    }
    for (String workload : List.of("1 append commit", "2 per commit", "3 concurrent appends", "5 time travel")) {
      assertThat(lines).as(workload + " on S3").anyMatch(l -> l.workload().startsWith(workload)
          && l.workload().endsWith(", S3"));
    }
    // requests were counted on the wire: a Snaplog commit on S3 is the log record, the metadata and the CAS
    assertThat(lines).filteredOn(l -> l.workload().startsWith("2 per commit") && l.workload().endsWith(", S3")
        && l.metric().startsWith("requests")).allSatisfy(l -> {
          assertThat(l.snaplog()).isBetween(3.0, 4.0);
          assertThat(l.iceberg()).isGreaterThan(l.snaplog());
        });
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.snaplog()).as(l.workload() + " " + l.metric()).isNotNaN();
      assertThat(l.iceberg()).as(l.workload() + " " + l.metric()).isNotNaN();
    });
    assertThat(lines).filteredOn(l -> l.metric().startsWith("lost"))
        .allSatisfy(l -> assertThat(l.snaplog() + l.iceberg()).isZero());
    // a table partitioned by day: a one-day filter plans exactly the day's files of the 200, on both systems
    assertThat(lines).filteredOn(l -> l.workload().startsWith("8 plan") && l.workload().contains("one-day filter")
        && l.metric().startsWith("files planned")).singleElement().satisfies(l -> {
          assertThat(l.snaplog()).isEqualTo(2.0);
          assertThat(l.iceberg()).isEqualTo(2.0);
        });
    assertThat(dir.resolve("results.md")).content().contains("| workload | metric | Snaplog | Iceberg |");
  }
}
