package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Checks a Parquet file's columns against the table before any row is read: every column of the file must be
 * a table column, every required table column must be in the file, and where the file carries field ids they
 * must be the table's. The row reader checks the types. Columns are compared by name because an input file
 * comes from elsewhere: ids only mean something within one table.
 */
final class ParquetSchemaCheck {
  private ParquetSchemaCheck() {}

  static void check(Path file, Schema schema) throws IOException {
    MessageType fileSchema;
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
      fileSchema = reader.getFooter().getFileMetaData().getSchema();
    } catch (RuntimeException e) {
      throw CliException.invalid(file + ": not a readable Parquet file (" + e.getMessage() + ")");
    }
    Set<String> present = new HashSet<>();
    for (Type col : fileSchema.getFields()) {
      Field f = schema.findField(col.getName()).orElseThrow(() -> CliException.invalid(file + ": column '"
          + col.getName() + "' is not in the table; its columns are " + schema.columnNames()));
      if (col.getId() != null && col.getId().intValue() != f.id()) {
        throw CliException.invalid(file + ": column '" + col.getName() + "' has field id " + col.getId()
            + " but the table's column has id " + f.id() + "; the file was written for another table or schema");
      }
      present.add(col.getName());
    }
    for (Field f : schema.fields()) {
      if (f.required() && !present.contains(f.name())) {
        throw CliException.invalid(file + ": required column '" + f.name() + "' is missing from the file");
      }
    }
  }
}
