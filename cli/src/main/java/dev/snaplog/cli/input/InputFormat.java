package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import java.nio.file.Path;
import java.util.Locale;

/** The input file formats {@code append} reads. */
public enum InputFormat {
  CSV, JSONL, PARQUET;

  /** The format a file name implies, or the one asked for. */
  public static InputFormat of(Path file, InputFormat requested) {
    if (requested != null) {
      return requested;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".parquet") || name.endsWith(".parq")) {
      return PARQUET;
    }
    throw CliException.invalid("Cannot tell the format of " + file + " from its name; name it .csv, .jsonl or"
        + " .parquet, or pass --input-format csv|jsonl|parquet");
  }
}
