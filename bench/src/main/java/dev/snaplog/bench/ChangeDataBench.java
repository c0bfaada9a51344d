package dev.snaplog.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs workload 7 (changing data, {@link ChangeDataWorkload}) and writes its table:
 * {@code ChangeDataBench [--quick | --full | --smoke] [--rounds N] [--dir DIR] [--out FILE]}. Quick (the default)
 * uses a 1M-row table; full the 10M rows BENCHMARKS.md reports. Each figure is the median of {@code N} rounds
 * (default 3), each on fresh tables, printed with its range.
 */
public final class ChangeDataBench {
  private ChangeDataBench() {}

  public static void main(String[] args) throws Exception {
    BenchMain.quietLogging();
    Report report = run(args);
    System.out.println();
    System.out.println(report.markdown());
  }

  static Report run(String[] args) throws Exception {
    String mode = "quick";
    Path dir = null;
    Path out = null;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick", "--full", "--smoke" -> mode = args[i].substring(2);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + "; usage: [--quick|--full|--smoke] [--rounds N] [--dir DIR] [--out FILE]");
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("snaplog-changes-");
    }
    Report report = new Report();
    try {
      new ChangeDataWorkload(ChangeDataWorkload.Sizes.of(mode), rounds, dir, report).run();
    } finally {
      ThroughputWorkload.deleteTree(dir);
    }
    if (out != null) {
      report.write(out);
    }
    return report;
  }
}
