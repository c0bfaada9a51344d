package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.LossyInput;
import java.io.IOException;
import java.nio.file.Path;

/** Opens an input file as rows of the table schema, in the format its name (or --input-format) says. */
public final class RowSources {
  private RowSources() {}

  /**
   * @param lossy whether conversions that lose information are refused (the default) or performed: see
   *     {@link LossyInput}; for CSV and JSON lines also invalid UTF-8 (replaced by U+FFFD) and, in JSON lines,
   *     a key given twice in one object (the last value wins)
   */
  public static RowSource open(Path file, InputFormat format, Schema schema, LossyInput lossy) {
    try {
      return switch (format) {
        case CSV -> new CsvRows(file, schema, lossy);
        case JSONL -> new JsonLinesRows(file, schema, lossy);
        case PARQUET -> new ParquetRows(file, schema);
      };
    } catch (java.nio.file.NoSuchFileException e) {
      throw CliException.notFound("Input file " + file + " does not exist");
    } catch (IOException e) {
      throw CliException.invalid("Cannot read input file " + file + ": " + e.getMessage());
    }
  }
}
