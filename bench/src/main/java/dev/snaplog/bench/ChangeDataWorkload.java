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
  private final int rounds;
  private final Path dir;
  private final Report report;
  private int tables;

  ChangeDataWorkload(Sizes sizes, int rounds, Path dir, Report report) {
    this.sizes = sizes;
    this.rounds = rounds;
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

  /** The rounds measured of each system, each on a fresh table: [snaplog, iceberg] of each metric. */
  private record Pair(Samples[] time, Samples[] bytes, Samples[] before, Samples[] after) {
    Pair() {
      this(pairOfSamples(), pairOfSamples(), pairOfSamples(), pairOfSamples());
    }

    private static Samples[] pairOfSamples() {
      return new Samples[] {new Samples(), new Samples()};
    }
  }

  private ChangeDataSystem open(int system, Path d) throws IOException {
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

  /**
   * {@code rounds} rounds of both systems, each on a fresh table that is deleted after it; which system goes
   * first alternates from round to round, starting with {@code order}.
   */
  private Pair measure(Sizes s, int order, Step setUp, Step change, long rowsBefore, long rowsAfter)
      throws Exception {
    Pair p = new Pair();
    for (int round = 0; round < rounds; round++) {
      for (int k = 0; k < 2; k++) {
        int system = (k + order + round) % 2;
        Path d = dir.resolve("changes-" + tables++);
        try (ChangeDataSystem sys = open(system, d)) {
          setUp.run(sys);
          double before = scanRate(sys, rowsBefore);
          long bytes = sys.bytesOnDisk();
          long start = System.nanoTime();
          change.run(sys);
          double millis = (System.nanoTime() - start) / 1e6;
          double written = (sys.bytesOnDisk() - bytes) / 1024.0;
          double after = scanRate(sys, rowsAfter);
          p.time()[system].add(millis);
          p.bytes()[system].add(written);
          p.before()[system].add(before);
          p.after()[system].add(after);
          Harness.log("%s round %d: change %.0f ms, %.0f KB written, scan %.0f -> %.0f rows/s", sys.system(),
              round + 1, millis, written, before, after);
        } finally {
          ThroughputWorkload.deleteTree(d);
        }
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

  /** Medians of the rounds, each line with both systems' ranges: the spread the ratio has to be read with. */
  private void report(String workload, Pair p, String note) {
    line(workload, "commit time (read + write + commit)", "ms", p.time(), note);
    line(workload, "bytes written", "KB", p.bytes(), null);
    line(workload, "full scan before", "rows/s", p.before(), null);
    line(workload, "full scan after", "rows/s", p.after(), "after/before: Snaplog "
        + Report.num(p.after()[0].median() / p.before()[0].median()) + ", Iceberg "
        + Report.num(p.after()[1].median() / p.before()[1].median()));
  }

  private void line(String workload, String metric, String unit, Samples[] values, String note) {
    String spread = Samples.spread(values[0], values[1]);
    report.add(workload, metric, unit, values[0].median(), values[1].median(),
        note == null ? spread : note + "; " + spread);
  }


  @FunctionalInterface
  private interface Step {
    void run(ChangeDataSystem sys) throws Exception;
  }
}
