package dev.snaplog.cli.output;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people. Widths come from the header and the first {@link #SAMPLE} rows, so a long
 * scan streams after that instead of being held in memory; later wider cells just push their line out.
 */
final class TextTable {
  static final int SAMPLE = 500;
  private static final int MAX_WIDTH = 80;

  private final PrintStream out;
  private final List<String> columns;
  private final List<List<String>> pending = new ArrayList<>();
  private int[] widths;

  TextTable(PrintStream out, List<String> columns) {
    this.out = out;
    this.columns = columns;
  }

  void add(List<String> cells) {
    if (widths != null) {
      print(cells);
      return;
    }
    pending.add(cells);
    if (pending.size() >= SAMPLE) {
      flushPending();
    }
  }

  void close() {
    if (widths == null) {
      flushPending();
    }
  }

  private void flushPending() {
    widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).length();
    }
    for (List<String> row : pending) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.min(MAX_WIDTH, Math.max(widths[i], row.get(i).length()));
      }
    }
    print(columns);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    print(rule);
    pending.forEach(this::print);
    pending.clear();
  }

  private void print(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (c.length() > MAX_WIDTH) {
        c = c.substring(0, MAX_WIDTH - 3) + "...";
      }
      if (i > 0) {
        sb.append("  ");
      }
      sb.append(c);
      if (i < cells.size() - 1) {
        sb.append(" ".repeat(Math.max(0, widths[i] - c.length())));
      }
    }
    out.println(sb);
  }
}
