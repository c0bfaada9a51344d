package dev.snaplog.cli.input;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.LossyInput;
import dev.snaplog.core.types.TypeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file with a header row naming table columns (in any order; columns left out are null). Each cell is
 * read with {@link Literals#fromText}, the same text forms {@code scan} prints.
 */
final class CsvRows implements RowSource {
  private final Schema schema;
  private final String name;
  private final CountingInputStream counter;
  private final CsvReader csv;
  private final int[] positions;
  private final LossyInput lossy;

  CsvRows(Path file, Schema schema, LossyInput lossy) throws IOException {
    this.schema = schema;
    this.name = file.toString();
    this.lossy = lossy;
    this.counter = new CountingInputStream(Files.newInputStream(file));
    this.csv = new CsvReader(new Utf8Reader(counter, lossy == LossyInput.ALLOW), name);
    List<CsvReader.Cell> header = csv.next();
    if (header == null) {
      throw CliException.invalid(name + ":1:1: the file is empty; a CSV file needs a header row naming the"
          + " columns " + schema.columnNames());
    }
    this.positions = new int[header.size()];
    boolean[] seen = new boolean[schema.size()];
    for (int i = 0; i < header.size(); i++) {
      CsvReader.Cell h = header.get(i);
      String col = h.text() == null ? "" : h.text().strip();
      if (i == 0 && col.startsWith("\uFEFF")) {
        col = col.substring(1); // spreadsheet programs start UTF-8 files with a byte order mark
      }
      int pos = position(col);
      if (pos < 0) {
        throw CliException.invalid(name + ":" + h.line() + ":" + h.column() + ": header names column '" + col
            + "', which the table does not have; its columns are " + schema.columnNames());
      }
      if (seen[pos]) {
        throw CliException.invalid(name + ":" + h.line() + ":" + h.column() + ": column '" + col
            + "' appears twice in the header");
      }
      seen[pos] = true;
      positions[i] = pos;
    }
    for (int i = 0; i < seen.length; i++) {
      Field f = schema.fields().get(i);
      if (!seen[i] && f.required()) {
        throw CliException.invalid(name + ":1:1: the header lacks required column '" + f.name() + "'");
      }
    }
  }

  /** Exact name first, then ignoring case: headers exported by other tools often differ only in case. */
  private int position(String col) {
    int pos = schema.position(col);
    if (pos >= 0) {
      return pos;
    }
    for (int i = 0; i < schema.size(); i++) {
      if (schema.fields().get(i).name().equalsIgnoreCase(col)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Record next() {
    try {
      while (true) {
        int line = csv.line();
        List<CsvReader.Cell> cells = csv.next();
        if (cells == null) {
          return null;
        }
        if (cells.size() == 1 && cells.get(0).text() == null && positions.length > 1) {
          continue; // a blank line
        }
        if (cells.size() != positions.length) {
          throw CliException.invalid(name + ":" + line + ":1: the row has " + cells.size() + " fields but the"
              + " header has " + positions.length);
        }
        return convert(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Record convert(List<CsvReader.Cell> cells) {
    Object[] values = new Object[schema.size()];
    for (int i = 0; i < cells.size(); i++) {
      CsvReader.Cell cell = cells.get(i);
      Field f = schema.fields().get(positions[i]);
      String where = name + ":" + cell.line() + ":" + cell.column() + ": column '" + f.name() + "': ";
      String text = cell.text();
      if (text == null || (text.isBlank() && f.type().id() != TypeId.STRING)) {
        if (f.required()) {
          throw CliException.invalid(where + "a value is required (the column is not null) but the cell is"
              + " empty");
        }
        continue;
      }
      try {
        values[positions[i]] = Literals.fromText(f.type(), text, lossy);
      } catch (ValidationException e) {
        throw CliException.invalid(where + e.getMessage());
      }
    }
    return GenericRecord.wrap(schema, values);
  }

  @Override
  public long bytesRead() {
    return counter.count();
  }

  @Override
  public void close() {
    try {
      counter.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
