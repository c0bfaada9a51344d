package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.Schema;
import java.io.IOException;
import java.nio.file.Path;

/** Opens an input file as rows of the table schema, in the format its name (or --input-format) says. */
public final class RowSources {
  private RowSources() {}

  public static RowSource open(Path file, InputFormat format, Schema schema) {
    try {
      return switch (format) {
        case CSV -> new CsvRows(file, schema);
        case JSONL -> new JsonLinesRows(file, schema);
        case PARQUET -> new ParquetRows(file, schema);
      };
    } catch (java.nio.file.NoSuchFileException e) {
      throw CliException.notFound("Input file " + file + " does not exist");
    } catch (IOException e) {
      throw CliException.invalid("Cannot read input file " + file + ": " + e.getMessage());
    }
  }
}
