package dev.snaplog.cli.output;

/** How a command prints what it read: aligned text for people, JSON or CSV for programs. */
public enum Format {
  TABLE, JSON, CSV
}
