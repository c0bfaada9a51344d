package dev.snaplog.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * Workload 8: a table per system partitioned by {@code day(ts)}, with {@code dayPlanCommits} commits of
 * {@code dayPlanFilesPerCommit} registered files spread round robin over {@link BenchTable#DAYS} days (stats
 * and partition values only, no Parquet written: both systems get the same treatment). It counts the storage
 * requests of one plan with a one-day filter (1% of the files) and with none, on a new table handle and on a
 * loaded one, then times both plans with {@link PartitionedPlanningBenchmark} through JMH. Every plan must
 * return exactly the day's files (or all of them); the run stops otherwise.
 */
final class PartitionedPlanningWorkload {
  static final String TABLE = "planning_by_day";

  /** The day the filter keeps. */
  static final int DAY = 42;

  private final Config config;
  private final Report report;
  private final String warehouse;
  private final String location;

  PartitionedPlanningWorkload(Config config, Report report) {
    this.config = config;
    this.report = report;
    this.warehouse = config.dir().resolve("snaplog").toString();
    this.location = config.dir().resolve("iceberg/" + TABLE).toUri().toString();
  }

  /** Stops the run when a plan of {@code files} files with {@code filter} did not return what it must. */
  static void check(String system, String filter, int planned, long files) {
    long expected = filter.equals("day") ? files / BenchTable.DAYS : files;
    if (files % BenchTable.DAYS != 0 || planned != expected) {
      throw new IllegalStateException(system + " planned " + planned + " of " + files + " files with filter "
          + filter + ", expected " + expected);
    }
  }

  void run() throws Exception {
    long files = config.dayPlanFiles();
    long[] seconds = new long[2];
    try (BenchTable snaplog = SnaplogTable.createLocalByDay(warehouse, TABLE);
         BenchTable iceberg = IcebergTable.createByDayOnHadoopTables(location)) {
      BenchTable[] both = {snaplog, iceberg};
      for (int s = 0; s < 2; s++) {
        long t0 = System.nanoTime();
        both[s].grow(config.dayPlanCommits(), config.dayPlanFilesPerCommit());
        seconds[s] = (System.nanoTime() - t0) / 1_000_000_000L;
        Harness.log("planning by day: %s table of %,d files over %,d commits built in %d s", both[s].system(),
            both[s].registeredFiles(), config.dayPlanCommits(), seconds[s]);
      }
      countRequests(both, files);
    }
    Collection<RunResult> results = Jmh.run(config, PartitionedPlanningBenchmark.class,
        Map.of("warehouse", warehouse, "icebergLocation", location, "files", Long.toString(files)));
    for (String handle : List.of("loaded", "new")) {
      for (String filter : List.of("day", "none")) {
        RunResult s = Jmh.find(results, Map.of("system", "snaplog", "filter", filter, "handle", handle));
        RunResult i = Jmh.find(results, Map.of("system", "iceberg", "filter", filter, "handle", handle));
        String w = workload(files, filter, handle.equals("loaded") ? "loaded table" : "new table handle");
        report.add(w, "median", "ms", Jmh.percentile(s, 50), Jmh.percentile(i, 50), "JMH sample time, "
            + config.dayPlanCommits() + " commits x " + config.dayPlanFilesPerCommit() + " registered files");
        report.add(w, "p95", "ms", Jmh.percentile(s, 95), Jmh.percentile(i, 95), null);
      }
    }
    report.note(String.format("Tables partitioned by day built in %d s (Snaplog) and %d s (Iceberg).", seconds[0],
        seconds[1]));
  }

  /**
   * One plan per system, filter and handle, counted: a new handle's plan includes loading the table, a loaded
   * handle's plan is the second one on that handle (what a long-lived reader pays per query).
   */
  private void countRequests(BenchTable[] both, long files) {
    for (String filter : List.of("day", "none")) {
      Integer day = filter.equals("day") ? DAY : null;
      int[] planned = new int[2];
      long[][] requests = new long[2][2];
      long[][] reads = new long[2][2];
      String[] kinds = new String[2];
      for (int s = 0; s < 2; s++) {
        both[s].counters().reset(); // Iceberg's local handles share one counter
        try (BenchTable fresh = open(both[s].system())) {
          planned[s] = fresh.planFilesOnDay(day);
          check(fresh.system(), filter, planned[s], files);
          requests[s][0] = fresh.counters().totalRequests();
          reads[s][0] = objectsRead(fresh.counters());
          kinds[s] = fresh.counters().byKind().toString();
          fresh.counters().reset();
          check(fresh.system(), filter, fresh.planFilesOnDay(day), files);
          requests[s][1] = fresh.counters().totalRequests();
          reads[s][1] = objectsRead(fresh.counters());
        }
      }
      report.add(workload(files, filter, "new table handle"), "files planned", "count", planned[0], planned[1],
          "checked: " + (day == null ? "every file" : "the day's files, 1 in " + BenchTable.DAYS));
      for (int h = 0; h < 2; h++) {
        String w = workload(files, filter, h == 0 ? "new table handle" : "loaded table");
        report.add(w, "requests", "count", requests[0][h], requests[1][h], h == 0
            ? "storage calls of open + plan" : "storage calls of a second plan on the same handle");
        report.add(w, "objects read", "count", reads[0][h], reads[1][h], "GETs: objects opened for reading");
      }
      report.note(String.format("Requests of open + plan, %s, by kind: Snaplog %s; Iceberg %s",
          day == null ? "no filter" : "one-day filter", kinds[0], kinds[1]));
    }
  }

  private BenchTable open(String system) {
    return system.equals(SnaplogTable.SYSTEM) ? SnaplogTable.local(warehouse, TABLE, Map.of(), false)
        : IcebergTable.onHadoopTables(location, Map.of(), false);
  }

  /** Snaplog's pointer read is a GET as well; Iceberg's local filesystem counts each file opened as one. */
  private static long objectsRead(Counters counters) {
    Map<String, Long> kinds = counters.byKind();
    return kinds.getOrDefault("GET", 0L) + kinds.getOrDefault("GET-POINTER", 0L);
  }

  private static String workload(long files, String filter, String handle) {
    return String.format("8 plan table partitioned by day (%,d files over %d days), %s, %s", files, BenchTable.DAYS,
        filter.equals("day") ? "one-day filter (1%)" : "no filter", handle);
  }
}
