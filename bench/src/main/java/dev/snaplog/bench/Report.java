package dev.snaplog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results table: one line per workload and metric, with both systems' values and the ratio
 * Snaplog / Iceberg. For a time the lower value is better; for a rate ({@code higherIsBetter}) the higher.
 */
final class Report {
  record Line(String workload, String metric, String unit, double snaplog, double iceberg, String note) {
    double ratio() {
      return iceberg == 0 ? Double.NaN : snaplog / iceberg;
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  synchronized void add(String workload, String metric, String unit, double snaplog, double iceberg, String note) {
    Line l = new Line(workload, metric, unit, snaplog, iceberg, note == null ? "" : note);
    lines.add(l);
    System.out.println("RESULT " + format(l));
  }

  /** Adds the median and p95 lines of a latency measured on both systems. */
  void addLatency(String workload, Samples snaplog, Samples iceberg, String note) {
    add(workload, "median", "ms", snaplog.median(), iceberg.median(), note);
    add(workload, "p95", "ms", snaplog.p95(), iceberg.p95(), null);
  }

  synchronized void note(String text) {
    notes.add(text);
    System.out.println("NOTE " + text);
  }

  List<Line> lines() {
    return List.copyOf(lines);
  }

  private static String format(Line l) {
    return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", l.workload(), l.metric() + " (" + l.unit()
        + ")", num(l.snaplog()), num(l.iceberg()), num(l.ratio()), l.note());
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| workload | metric | Snaplog | Iceberg | ratio S/I | note |\n");
    sb.append("|---|---|---:|---:|---:|---|\n");
    for (Line l : lines) {
      sb.append(format(l)).append('\n');
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) {
        sb.append("- ").append(n).append('\n');
      }
    }
    return sb.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown());
  }
}
