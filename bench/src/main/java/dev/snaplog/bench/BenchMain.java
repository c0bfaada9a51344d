package dev.snaplog.bench;

import dev.snaplog.s3.testing.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the workloads of issue 6 on Snaplog and Apache Iceberg in one JVM and prints the results table.
 *
 * <pre>
 *   BenchMain [--quick | --full | --smoke] [--only 1,3,6,8] [--storage local,s3] [--dir DIR] [--out FILE]
 * </pre>
 *
 * Workload numbers follow the issue: 1+2+5 share one table per system (commit latency and requests at depth,
 * then time travel), 3 is concurrent writers, 4 is scan planning (JMH), 6 is row throughput, 8 is planning a
 * table partitioned by day (JMH; 7, changing data, runs on its own: {@link ChangeDataBench}). 1, 2, 3 and 5
 * run on each storage (the local filesystem and the S3 test server); 4, 6 and 8 on the local filesystem.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    quietLogging();
    Report report = run(args);
    System.out.println();
    System.out.println(report.markdown());
    // the S3 harness's serialising proxy runs on the JDK's HTTP server, whose dispatcher thread is not a
    // daemon; exiting runs the shutdown hooks that stop it and the server processes
    System.exit(0);
  }

  /** Iceberg logs a metrics report per scan and commit at INFO; printing them would be measured too. */
  static void quietLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  static Report run(String[] args) throws Exception {
    String mode = "quick";
    Set<String> only = new HashSet<>(Arrays.asList("1", "2", "3", "4", "5", "6", "8"));
    Set<String> storages = new HashSet<>(Arrays.asList("local", "s3"));
    Path dir = null;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick":
        case "--full":
        case "--smoke":
          mode = args[i].substring(2);
          break;
        case "--only":
          only = new HashSet<>(Arrays.asList(args[++i].split(",")));
          break;
        case "--storage":
          storages = new HashSet<>(Arrays.asList(args[++i].split(",")));
          break;
        case "--dir":
          dir = Path.of(args[++i]);
          break;
        case "--out":
          out = Path.of(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown argument " + args[i]
              + "; usage: [--quick|--full|--smoke] [--only 1,3,6,8] [--storage local,s3] [--dir DIR] [--out FILE]");
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("snaplog-bench-");
    }
    Files.createDirectories(dir);
    Config config = Config.of(mode, dir.toAbsolutePath());
    Report report = new Report();
    long start = System.nanoTime();
    Harness.log("mode %s, data under %s", mode, config.dir());
    IcebergTable.conf(); // install the counting file: filesystem before anything else touches Hadoop
    // the local filesystem first, then planning and throughput, then S3 (the longest part); the storages only
    // matter to 1, 2, 3 and 5, so the S3 server is not started for the others alone
    boolean onStorages = only.stream().anyMatch(List.of("1", "2", "3", "5")::contains);
    if (storages.contains("local") && onStorages) {
      runOn(new LocalBackend(config.dir()), config.depths(), config, report, only);
    }
    if (only.contains("4")) {
      new PlanningWorkload(config, report).run();
    }
    if (only.contains("8")) {
      new PartitionedPlanningWorkload(config, report).run();
    }
    if (only.contains("6")) {
      new ThroughputWorkload(config, report).run();
    }
    if (storages.contains("s3") && onStorages) {
      runOn(s3Backend(config, report), config.s3Depths(), config, report, only);
    }
    report.note(String.format("Run time: %.1f min (mode %s).", (System.nanoTime() - start) / 6e10, mode));
    if (out != null) {
      report.write(out);
    }
    ThroughputWorkload.deleteTree(config.dir());
    return report;
  }

  /** Workloads 1, 2, 5 (one table per system) and 3 on one storage. */
  private static void runOn(Backend backend, int[] depths, Config config, Report report, Set<String> only)
      throws Exception {
    try (backend) {
      if (only.contains("1") || only.contains("2") || only.contains("5")) {
        new CommitWorkload(config, report, backend, depths).run();
      }
      if (only.contains("3")) {
        new ConcurrencyWorkload(config, report, backend).run();
      }
    }
  }

  /** The test harness's S3 server for long histories, its data beside the bench's (tmpfs when run.sh finds one). */
  private static S3Backend s3Backend(Config config, Report report) {
    if (System.getProperty("snaplog.test.work.dir") == null) {
      System.setProperty("snaplog.test.work.dir", config.dir().resolve("s3-server").toString());
    }
    S3Backend backend = new S3Backend(S3TestServer.sharedForLongHistories(), config.dir());
    long t0 = System.nanoTime();
    int warmUp = config.mode().equals("full") ? 4_000 : config.mode().equals("quick") ? 1_000 : 20;
    backend.warmUpServer(warmUp);
    Harness.log("S3 server warmed up with %d requests in %.1f s", warmUp, (System.nanoTime() - t0) / 1e9);
    report.note("S3 workloads ran against " + backend.server() + ".");
    return backend;
  }
}
