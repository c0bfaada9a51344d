package dev.snaplog.cli.input;

import java.nio.file.Path;
import dev.snaplog.core.Schema;

/** Checks a Parquet file's columns against the table before any row is read. */
final class ParquetSchemaCheck {
  private ParquetSchemaCheck() {}

  static void check(Path file, Schema schema) {
    // filled in once the Parquet reader is merged: compare footer columns with the table schema
  }
}
