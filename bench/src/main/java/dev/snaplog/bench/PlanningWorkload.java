package dev.snaplog.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * Workload 4: builds a table per system with {@code planCommits} commits of {@code planFilesPerCommit}
 * registered files (stats only, no Parquet written: both systems get the same treatment), then runs
 * {@link PlanningBenchmark} through JMH at the current and the mid-history snapshot, with no filter and with a
 * filter that prunes 99% of the files by their id bounds.
 */
final class PlanningWorkload {
  static final String TABLE = "planning";

  private final Config config;
  private final Report report;

  PlanningWorkload(Config config, Report report) {
    this.config = config;
    this.report = report;
  }

  void run() throws Exception {
    String warehouse = config.dir().resolve("snaplog").toString();
    String location = config.dir().resolve("iceberg/" + TABLE).toUri().toString();
    int half = config.planCommits() / 2;
    long[] mid = new long[2];
    long[] seconds = new long[2];
    try (BenchTable snaplog = SnaplogTable.local(warehouse, TABLE, Map.of(), true);
         BenchTable iceberg = IcebergTable.onHadoopTables(location, Map.of(), true)) {
      BenchTable[] both = {snaplog, iceberg};
      for (int s = 0; s < 2; s++) {
        long t0 = System.nanoTime();
        both[s].grow(half, config.planFilesPerCommit());
        both[s].refresh();
        List<long[]> h = both[s].history();
        mid[s] = h.get(h.size() - 1)[1];
        both[s].grow(config.planCommits() - half, config.planFilesPerCommit());
        seconds[s] = (System.nanoTime() - t0) / 1_000_000_000L;
        Harness.log("planning: %s table of %,d files over %,d commits built in %d s", both[s].system(),
            both[s].registeredFiles(), config.planCommits(), seconds[s]);
      }
    }
    long filesAtMid = (long) half * config.planFilesPerCommit();
    String facts = mid[0] + "," + mid[1] + "," + config.planFiles() + "," + filesAtMid;
    Collection<RunResult> results = Jmh.run(config, PlanningBenchmark.class,
        Map.of("warehouse", warehouse, "icebergLocation", location, "facts", facts));
    for (String handle : List.of("loaded", "new")) {
      for (String at : List.of("current", "mid")) {
        for (String filter : List.of("none", "prune99")) {
          RunResult s = Jmh.find(results, Map.of("system", "snaplog", "at", at, "filter", filter, "handle", handle));
          RunResult i = Jmh.find(results, Map.of("system", "iceberg", "at", at, "filter", filter, "handle", handle));
          String w = String.format("4 plan %s snapshot (%,d files), %s, %s",
              at.equals("mid") ? "mid-history" : "current", at.equals("mid") ? filesAtMid : config.planFiles(),
              filter.equals("none") ? "no filter" : "99% pruned",
              handle.equals("loaded") ? "loaded table" : "new table handle");
          report.add(w, "median", "ms", Jmh.percentile(s, 50), Jmh.percentile(i, 50), "JMH sample time, "
              + config.planCommits() + " commits x " + config.planFilesPerCommit() + " registered files");
          report.add(w, "p95", "ms", Jmh.percentile(s, 95), Jmh.percentile(i, 95), null);
          long files = at.equals("mid") ? filesAtMid : config.planFiles();
          report.add(w, "allocated per registered file", "bytes", Jmh.allocatedPerOp(s) / files,
              Jmh.allocatedPerOp(i) / files, "JMH GC profiler: bytes allocated per plan / files in the snapshot");
        }
      }
    }
    report.note(String.format("Planning tables built in %d s (Snaplog, one commit per append) and %d s (Iceberg,"
        + " transactions of %d appends; see IcebergTable.grow).", seconds[0], seconds[1], IcebergTable.GROW_GROUP));
  }
}
