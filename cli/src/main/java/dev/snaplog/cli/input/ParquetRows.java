package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * A Parquet file, read through the same reader as table data: columns are matched by field id when the file
 * has ids, else by name, and each column's type must equal the table's. Rows are rewritten into a new data
 * file of the table on append, so the table's files always carry its field ids and stats.
 */
final class ParquetRows implements RowSource {
  private final Schema schema;
  private final String name;
  private final long size;
  private final CloseableIterable<Record> rows;
  private Iterator<Record> it;
  private long row;

  ParquetRows(Path file, Schema schema) throws java.io.IOException {
    this.schema = schema;
    this.name = file.toString();
    this.size = Files.size(file);
    ParquetSchemaCheck.check(file, schema);
    InputFile in = new LocalObjectStore().newInputFile(file.toAbsolutePath().toString());
    this.rows = ParquetFormat.read(in, schema, schema, Expressions.alwaysTrue());
  }

  @Override
  public Record next() {
    try {
      if (it == null) {
        it = rows.iterator();
      }
      if (!it.hasNext()) {
        return null;
      }
      Record r = it.next();
      row++;
      for (int i = 0; i < schema.size(); i++) {
        Field f = schema.fields().get(i);
        if (f.required() && r.get(i) == null) {
          throw CliException.invalid(name + ": row " + row + ": required column '" + f.name() + "' is null");
        }
      }
      return r;
    } catch (CorruptTableException | ValidationException e) {
      // the reader speaks of table data files; here the file is the user's input
      throw CliException.invalid(name + ": does not match the table schema: " + e.getMessage());
    }
  }

  @Override
  public long bytesRead() {
    return it != null && !it.hasNext() ? size : 0;
  }

  @Override
  public void close() {
    rows.close();
  }
}
