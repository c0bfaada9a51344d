package dev.snaplog.cli.output;

/**
 * How a command prints what it read: aligned text for people, JSON, JSON lines or CSV for programs. JSON lines
 * is JSON with one compact object per line: a list prints one row per line (what {@code append} reads back),
 * a document or a result one line.
 */
public enum Format {
  TABLE, JSON, JSONL, CSV;

  /** Whether the output is JSON (an indented document or array, or JSON lines). */
  public boolean isJson() {
    return this == JSON || this == JSONL;
  }
}
