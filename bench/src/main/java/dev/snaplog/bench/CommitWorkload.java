package dev.snaplog.bench;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Workloads 1, 2 and 5 on one table per system: append-commit latency and requests/bytes per commit at growing
 * history depth (one small real data file per commit; the file is written before the clock starts), then
 * time-travel lookup by timestamp at the deepest history. Systems alternate commit by commit.
 */
final class CommitWorkload {
  private static final int ROWS_PER_SMALL_FILE = 10;

  private static final String TABLE = "commits";

  private final Config config;
  private final Report report;
  private final Backend backend;
  private final int[] depths;

  CommitWorkload(Config config, Report report, Backend backend, int[] depths) {
    this.config = config;
    this.report = report;
    this.backend = backend;
    this.depths = depths;
  }

  void run() {
    try (BenchTable snaplog = backend.create(SnaplogTable.SYSTEM, TABLE, Map.of());
         BenchTable iceberg = backend.create(IcebergTable.SYSTEM, TABLE, Map.of())) {
      BenchTable[] both = {snaplog, iceberg};
      long depth = 0;
      for (int target : depths) {
        for (BenchTable t : both) {
          long t0 = System.nanoTime();
          t.grow((int) Math.max(0, target - depth), 1);
          Harness.log("commit (%s): %s history grown to %d in %.1f s", backend.label(), t.system(), target,
              (System.nanoTime() - t0) / 1e9);
        }
        depth = Math.max(depth, target);
        measureAtDepth(both, target);
        depth += config.warmupCommits() + config.measuredCommits();
      }
      timeTravel(both);
    }
  }

  private void measureAtDepth(BenchTable[] both, int depth) {
    Samples[] latency = {new Samples(), new Samples()};
    Samples[] requests = {new Samples(), new Samples()};
    Samples[] bytes = {new Samples(), new Samples()};
    Counters[] kinds = {new Counters(), new Counters()};
    for (int i = 0; i < config.warmupCommits() + config.measuredCommits(); i++) {
      boolean measured = i >= config.warmupCommits();
      for (int k = 0; k < 2; k++) {
        int s = (i + k) % 2; // alternate which system goes first
        BenchTable t = both[s];
        Object file = t.writeSmallFile(ROWS_PER_SMALL_FILE);
        t.counters().reset();
        long start = System.nanoTime();
        t.commitFile(file);
        long nanos = System.nanoTime() - start;
        if (measured) {
          latency[s].addNanosAsMillis(nanos);
          requests[s].add(t.counters().totalRequests());
          bytes[s].add(t.counters().bytesWritten());
          t.counters().byKind().forEach((kind, n) -> {
            for (long j = 0; j < n; j++) {
              kinds[s].request(kind);
            }
          });
        }
      }
    }
    String at = String.format(", depth %,d, %s", depth, backend.label());
    report.addLatency("1 append commit" + at, latency[0], latency[1], config.measuredCommits()
        + " commits each after " + config.warmupCommits() + " warm-up");
    String w2 = "2 per commit" + at;
    report.add(w2, "requests (mean)", "count", requests[0].mean(), requests[1].mean(),
        "storage calls and Iceberg's catalog calls (S3 only), see notes");
    report.add(w2, "bytes written (mean)", "bytes", bytes[0].mean(), bytes[1].mean(),
        "metadata only; the data file is written before the commit");
    report.note(String.format("Requests per commit at depth %,d (%s), by kind, summed over %d commits: Snaplog %s;"
        + " Iceberg %s", depth, backend.label(), config.measuredCommits(), kinds[0].byKind(), kinds[1].byKind()));
  }

  /**
   * Lookups on the loaded tables run as a phase of their own, after as many unrecorded warm-up lookups, so they
   * measure the lookup itself; then each lookup again through a new handle, which includes the table load.
   * Interleaving the two (as runs before 2026-12-03 did) timed each loaded lookup right after opening a handle
   * of the other system, with its caches and compiled code cold.
   */
  private void timeTravel(BenchTable[] both) {
    Samples[] warm = {new Samples(), new Samples()};
    Samples[] cold = {new Samples(), new Samples()};
    Samples[] coldRequests = {new Samples(), new Samples()};
    List<List<long[]>> histories = List.of(both[0].history(), both[1].history());
    int depth = histories.get(0).size();
    lookUps(histories, new Random(7), (s, millis) -> both[s].snapshotIdAsOf(millis)); // warm-up
    lookUps(histories, new Random(42), (s, millis) -> {
      long start = System.nanoTime();
      long found = both[s].snapshotIdAsOf(millis);
      warm[s].addNanosAsMillis(System.nanoTime() - start);
      return found;
    });
    lookUps(histories, new Random(42), (s, millis) -> {
      both[s].counters().reset(); // Iceberg's local handles share one counter
      long start = System.nanoTime();
      try (BenchTable fresh = backend.open(both[s].system(), TABLE)) {
        long found = fresh.snapshotIdAsOf(millis);
        cold[s].addNanosAsMillis(System.nanoTime() - start);
        coldRequests[s].add(fresh.counters().totalRequests());
        return found;
      }
    });
    String w = String.format("5 time travel asOfTime, depth %,d", depth);
    String on = ", " + backend.label();
    report.addLatency(w + ", loaded table" + on, warm[0], warm[1], config.timeTravelLookups()
        + " random timestamps over the whole history, after as many unrecorded");
    report.addLatency(w + ", incl. table load" + on, cold[0], cold[1], "new catalog/table handle per lookup"
        + " (closing it not timed)");
    report.add(w + ", incl. table load" + on, "requests (mean)", "count", coldRequests[0].mean(),
        coldRequests[1].mean(), "storage requests of open + lookup, and Iceberg's catalog calls on S3");
  }

  /** One time-travel lookup by system (0 or 1) and time; returns the snapshot id found. */
  private interface Lookup {
    long find(int system, long millis);
  }

  /**
   * {@code lookups} at random points of each history, alternating which system goes first, each answer checked
   * against the history.
   */
  private void lookUps(List<List<long[]>> histories, Random random, Lookup lookup) {
    for (int i = 0; i < config.timeTravelLookups(); i++) {
      double where = random.nextDouble();
      for (int k = 0; k < 2; k++) {
        int s = (i + k) % 2;
        List<long[]> h = histories.get(s);
        long[] target = h.get((int) (where * (h.size() - 1)));
        check(lookup.find(s, target[0]), target[0], h, s == 0 ? SnaplogTable.SYSTEM : IcebergTable.SYSTEM);
      }
    }
  }

  /** The snapshot found must be the newest one committed at or before the time asked for. */
  private static void check(long found, long millis, List<long[]> history, String system) {
    long expected = -1;
    for (long[] e : history) {
      if (e[0] <= millis) {
        expected = e[1];
      }
    }
    if (found != expected) {
      throw new IllegalStateException(system + " time travel to " + millis + " found snapshot " + found
          + ", expected " + expected);
    }
  }
}
