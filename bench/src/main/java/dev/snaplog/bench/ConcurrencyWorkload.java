package dev.snaplog.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Workload 3: 1, 4 and 16 writer threads, each with its own table handle, appending one registered file per
 * commit to one table. Measures commits/s, retries per commit (metadata writes are one per attempt on both
 * systems) and p99 commit latency, then checks that no commit was lost. Each figure is the median of
 * {@link Config#rounds()} rounds, each on a fresh table, the systems alternating which goes first. Runs on each
 * {@link Backend}.
 */
final class ConcurrencyWorkload {
  /** Iceberg's default of 4 retries fails commits at 4+ writers; both systems get 100, Snaplog's default. */
  static final Map<String, String> ICEBERG_PROPS = Map.of("commit.retry.num-retries", "100");

  private final Config config;
  private final Report report;
  private final Backend backend;

  ConcurrencyWorkload(Config config, Report report, Backend backend) {
    this.config = config;
    this.report = report;
    this.backend = backend;
  }

  private record Outcome(double commitsPerSecond, double retriesPerCommit, long lost, int failed) {}

  void run() throws Exception {
    for (int writers : config.writers()) {
      int perRun = backend instanceof S3Backend ? config.s3CommitsPerRun() : config.commitsPerRun();
      int perWriter = Math.max(2, perRun / writers);
      // per system: throughput and retries of each round, latency of every commit of every round
      Samples[] throughput = {new Samples(), new Samples()};
      Samples[] retries = {new Samples(), new Samples()};
      Samples[] latency = {new Samples(), new Samples()};
      long[] lostOrFailed = new long[2];
      for (int round = 0; round < config.rounds(); round++) {
        for (int k = 0; k < 2; k++) {
          int s = (writers + round + k) % 2; // alternate which system runs first
          String name = "concurrent" + writers + "-r" + round;
          String system = s == 0 ? SnaplogTable.SYSTEM : IcebergTable.SYSTEM;
          try (BenchTable main = backend.create(system, name, s == 0 ? Map.of() : ICEBERG_PROPS)) {
            main.grow(10, 1);
            Outcome out = runOnce(main, () -> backend.open(system, name), writers, perWriter, latency[s]);
            throughput[s].add(out.commitsPerSecond());
            retries[s].add(out.retriesPerCommit());
            lostOrFailed[s] += out.lost() + out.failed();
          }
        }
      }
      String w = "3 concurrent appends, " + writers + " writer" + (writers == 1 ? "" : "s") + ", " + backend.label();
      String note = writers + " threads x " + perWriter + " commits (+1 warm-up each), "
          + Samples.spread(throughput[0], throughput[1]);
      report.add(w, "throughput", "commits/s", throughput[0].median(), throughput[1].median(), note);
      report.add(w, "retries per commit", "count", retries[0].median(), retries[1].median(),
          Samples.spread(retries[0], retries[1]));
      report.add(w, "p99 commit latency", "ms", latency[0].p99(), latency[1].p99(), "all rounds' commits");
      report.add(w, "lost + failed commits", "count", lostOrFailed[0], lostOrFailed[1], "must be 0");
    }
  }

  private Outcome runOnce(BenchTable main, Supplier<BenchTable> opener, int writers, int perWriter,
      Samples latency) throws Exception {
    long before = main.currentTotalFiles();
    List<BenchTable> handles = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      BenchTable h = opener.get();
      // one commit per writer before the clock starts, like a long-lived writer: connections, the S3 probe
      // verdict, JIT; these commits are checked for loss with the measured ones
      h.commitFile(h.registeredFile());
      handles.add(h);
    }
    // handles may share one counter (Iceberg's local filesystem counts statically): count each counter once
    Set<Counters> counters = Collections.newSetFromMap(new IdentityHashMap<>());
    for (BenchTable h : handles) {
      counters.add(h.counters());
    }
    counters.forEach(Counters::reset);
    CyclicBarrier start = new CyclicBarrier(writers + 1);
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (BenchTable h : handles) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          for (int c = 0; c < perWriter; c++) {
            Object file = h.registeredFile();
            long t0 = System.nanoTime();
            try {
              h.commitFile(file);
              long nanos = System.nanoTime() - t0;
              synchronized (latency) {
                latency.addNanosAsMillis(nanos);
              }
            } catch (RuntimeException e) {
              failed.incrementAndGet();
              Harness.log("%s commit failed: %s", h.system(), e);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    start.await();
    long t0 = System.nanoTime();
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long attempts = counters.stream().mapToLong(Counters::metadataWrites).sum();
    for (BenchTable h : handles) {
      h.close();
    }
    int committed = writers * perWriter - failed.get();
    main.refresh();
    long lost = committed + writers - (main.currentTotalFiles() - before); // + one warm-up commit per writer
    Harness.log("concurrent (%s) %s x%d: %d commits in %.2f s, %d attempts, lost %d, failed %d", backend.label(),
        main.system(), writers, committed, seconds, attempts, lost, failed.get());
    return new Outcome(committed / seconds, committed == 0 ? 0 : (attempts - committed) / (double) committed, lost,
        failed.get());
  }
}
