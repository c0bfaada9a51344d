package dev.snaplog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Workload 7, changing data: delete 0.1% and 10% of a table's rows (spread over every file), upsert a batch of
 * keys, and compact many small files, each as one commit through each system's Java API. Per change: its time
 * (read, write and commit), the bytes it added to storage, and full-scan rows/s before and after it (best of
 * three scans), so the cost a change leaves for readers shows. Every result is checked (rows left, files after compaction). A first pass
 * at a tenth of the size warms both systems up and is not reported; the systems alternate which goes first.
 */
final class ChangeDataWorkload {
  /** Sizes of one run: base table files x rows per file, upsert keys, small files x rows each. */
  record Sizes(int files, int rowsPerFile, int upsertKeys, int smallFiles, int rowsPerSmallFile) {
    static Sizes of(String mode) {
      return switch (mode) {
        case "full" -> new Sizes(100, 100_000, 100_000, 1_000, 1_000);
        case "quick" -> new Sizes(10, 100_000, 100_000, 1_000, 100);
        case "smoke" -> new Sizes(4, 5_000, 1_000, 50, 100);
        default -> throw new IllegalArgumentException("mode must be full, quick or smoke, got " + mode);
      };
    }

    long rows() {
      return (long) files * rowsPerFile;
    }

    Sizes warmup() {
      return new Sizes(Math.max(2, files / 10), Math.max(1000, rowsPerFile / 10), Math.max(100, upsertKeys / 10),
          Math.max(10, smallFiles / 10), rowsPerSmallFile);
    }
  }

  private static final long TARGET_BYTES = 128L * 1024 * 1024;
  private static final int SCANS = 3;

  private final Sizes sizes;
  private final Path dir;
  private final Report report;
  private int tables;

  ChangeDataWorkload(Sizes sizes, Path dir, Report report) {
    this.sizes = sizes;
    this.dir = dir;
    this.report = report;
  }

  void run() throws Exception {
    runAll(sizes.warmup(), false);
    runAll(sizes, true);
  }

  private void runAll(Sizes s, boolean record) throws Exception {
    String n = String.format("%,d rows", s.rows());
    delete(s, 1, "7 delete 0.1% of " + n, record, 0);
    delete(s, 100, "7 delete 10% of " + n, record, 1);
    upsert(s, "7 upsert " + String.format("%,d", s.upsertKeys()) + " keys into " + n, record);
    compact(s, "7 compact " + String.format("%,d", s.smallFiles()) + " small files", record);
  }

  /** One measurement of each system on a fresh table: [snaplog, iceberg] of each metric. */
  private record Pair(double[] time, double[] bytes, double[] before, double[] after) {
    Pair() {
      this(new double[2], new double[2], new double[2], new double[2]);
    }
  }

  private ChangeDataSystem open(int system) throws IOException {
    Path d = dir.resolve("changes-" + tables++);
    Files.createDirectories(d);
    return system == 0 ? new SnaplogChangeData(d) : new IcebergChangeData(d);
  }

  private void delete(Sizes s, int buckets, String workload, boolean record, int order) throws Exception {
    long deleted = 0;
    for (long id = 0; id < s.rows(); id++) {
      deleted += ChangeDataSystem.bucketOf(id) < buckets ? 1 : 0;
    }
    long left = s.rows() - deleted;
    Pair p = measure(s, order, sys -> sys.create(s.files(), s.rowsPerFile()),
        sys -> sys.deleteBucketsBelow(buckets), s.rows(), left);
    if (record) {
      report(workload, p, String.format("%,d rows deleted from %d files", deleted, s.files()));
    }
  }

  private void upsert(Sizes s, String workload, boolean record) throws Exception {
    List<Long> ids = new ArrayList<>();
    long step = Math.max(1, s.rows() / s.upsertKeys());
    for (long id = 0; ids.size() < s.upsertKeys() && id < s.rows(); id += step) {
      ids.add(id);
    }
    Pair p = measure(s, 0, sys -> sys.create(s.files(), s.rowsPerFile()), sys -> sys.upsert(ids), s.rows(),
        s.rows());
    if (record) {
      report(workload, p, "Snaplog: deletion vectors found by key; Iceberg: an equality-delete file (no MERGE"
          + " without an engine), applied by every later read");
    }
  }

  private void compact(Sizes s, String workload, boolean record) throws Exception {
    long rows = (long) s.smallFiles() * s.rowsPerSmallFile();
    Pair p = measure(s, 1, sys -> sys.createSmallFiles(s.smallFiles(), s.rowsPerSmallFile()),
        sys -> {
          sys.compact(TARGET_BYTES);
          if (sys.liveDataFiles() != 1) {
            throw new IllegalStateException(sys.system() + " left " + sys.liveDataFiles() + " files after compaction");
          }
        }, rows, rows);
    if (record) {
      report(workload, p, String.format("%,d rows; target 128 MiB, so one file after", rows));
    }
  }

  private Pair measure(Sizes s, int order, Step setUp, Step change, long rowsBefore, long rowsAfter)
      throws Exception {
    Pair p = new Pair();
    for (int k = 0; k < 2; k++) {
      int system = (k + order) % 2;
      try (ChangeDataSystem sys = open(system)) {
        setUp.run(sys);
        p.before()[system] = scanRate(sys, rowsBefore);
        long bytes = sys.bytesOnDisk();
        long start = System.nanoTime();
        change.run(sys);
        p.time()[system] = (System.nanoTime() - start) / 1e6;
        p.bytes()[system] = (sys.bytesOnDisk() - bytes) / 1024.0;
        p.after()[system] = scanRate(sys, rowsAfter);
        Harness.log("%s: change %.0f ms, %.0f KB written, scan %.0f -> %.0f rows/s", sys.system(),
            p.time()[system], p.bytes()[system], p.before()[system], p.after()[system]);
      }
    }
    return p;
  }

  /** The best of {@link #SCANS} full scans: the one least disturbed by whatever else shares the machine. */
  private static double scanRate(ChangeDataSystem sys, long expected) {
    double best = 0;
    for (int i = 0; i < SCANS; i++) {
      long start = System.nanoTime();
      long n = sys.scanAll();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (n != expected) {
        throw new IllegalStateException(sys.system() + " scanned " + n + " rows, expected " + expected);
      }
      best = Math.max(best, n / seconds);
    }
    return best;
  }

  private void report(String workload, Pair p, String note) {
    report.add(workload, "commit time (read + write + commit)", "ms", p.time()[0], p.time()[1], note);
    report.add(workload, "bytes written", "KB", p.bytes()[0], p.bytes()[1], null);
    report.add(workload, "full scan before", "rows/s", p.before()[0], p.before()[1], null);
    report.add(workload, "full scan after", "rows/s", p.after()[0], p.after()[1],
        "after/before: Snaplog " + Report.num(p.after()[0] / p.before()[0]) + ", Iceberg "
            + Report.num(p.after()[1] / p.before()[1]));
  }

  @FunctionalInterface
  private interface Step {
    void run(ChangeDataSystem sys) throws Exception;
  }
}
