package dev.snaplog.core.data;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.io.OutputFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes rows sorted by a sort order: rows are held in memory and written, sorted, when the buffer holds
 * {@code bufferRows} rows or the writer completes, each flush as a file of its own. So every file is sorted,
 * and memory stays bounded however many rows come; a write larger than the buffer makes several files whose
 * value ranges may overlap. Rows equal by the order keep the order they came in. Not thread-safe.
 *
 * <p>Rows are held, not copied, until their file is written: a caller must not change a row after writing it.
 * Rows are checked against the schema as they are written, so a bad row is refused at its own
 * {@link #write}. {@link #close()} without {@link #complete()} drops the buffered rows; files already flushed
 * stay, unreferenced, for orphan clean-up.
 */
public final class SortingWriter implements DataWriter {
  /**
   * Where the rows of one written file came from: {@code ordinals[p]} is the write ordinal (0-based, in the
   * order rows were given) of the row at position {@code p} of {@code file}.
   */
  public record SortedFile(DataFile file, long[] ordinals) {}

  private record Buffered(Record row, long ordinal) {}

  private final Schema schema;
  private final Supplier<OutputFile> files;
  private final String table;
  private final WriteOptions options;
  private final int bufferRows;
  private final boolean trackOrdinals;
  private final Comparator<Buffered> order;
  private final RowValidator validator;
  private final List<Buffered> buffer = new ArrayList<>();
  private final List<SortedFile> finished = new ArrayList<>();
  private long offered;

  /**
   * @param files makes the output file of each flush
   * @param table named in validation errors
   * @param bufferRows the most rows held before they are sorted and written as a file (at least 1)
   * @param trackOrdinals whether to remember where each row went ({@link #sortedFiles()}); costs 8 bytes a row
   * @throws ValidationException if the order's columns are not sortable columns of {@code schema}
   */
  public SortingWriter(Schema schema, SortOrder order, Supplier<OutputFile> files, String table,
      WriteOptions options, int bufferRows, boolean trackOrdinals) {
    if (bufferRows < 1) {
      throw new IllegalArgumentException("bufferRows must be at least 1, got " + bufferRows);
    }
    this.schema = Objects.requireNonNull(schema, "schema");
    this.files = Objects.requireNonNull(files, "files");
    this.table = table;
    this.options = Objects.requireNonNull(options, "options");
    this.bufferRows = bufferRows;
    this.trackOrdinals = trackOrdinals;
    Comparator<Record> rows = order.comparator(schema);
    this.order = (a, b) -> rows.compare(a.row(), b.row());
    this.validator = new RowValidator(schema, table);
  }

  @Override
  public void write(Record record) {
    write(record, offered);
  }

  /** Writes a row that its caller numbers itself (a writer of several files keeps one count for all). */
  void write(Record record, long ordinal) {
    validator.check(record, ++offered);
    buffer.add(new Buffered(record, ordinal));
    if (buffer.size() >= bufferRows) {
      flush();
    }
  }

  /** Rows held and not yet written. */
  int bufferedRows() {
    return buffer.size();
  }

  /** Sorts the held rows and writes them as one file; nothing when none are held. */
  void flush() {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(order); // List.sort is stable: rows equal by the order keep their arrival order
    long[] ordinals = trackOrdinals ? new long[buffer.size()] : null;
    try (DataWriter out = ParquetFormat.newWriter(files.get(), schema, table, options)) {
      for (int i = 0; i < buffer.size(); i++) {
        out.write(buffer.get(i).row());
        if (ordinals != null) {
          ordinals[i] = buffer.get(i).ordinal();
        }
      }
      finished.add(new SortedFile(out.complete(), ordinals));
    }
    buffer.clear();
  }

  @Override
  public long recordCount() {
    return offered;
  }

  @Override
  public DataFile complete() {
    if (offered == 0 && finished.isEmpty()) {
      // no rows: an empty file, as the streaming writer makes
      try (DataWriter out = ParquetFormat.newWriter(files.get(), schema, table, options)) {
        DataFile empty = out.complete();
        finished.add(new SortedFile(empty, trackOrdinals ? new long[0] : null));
        return empty;
      }
    }
    List<DataFile> out = completeFiles();
    if (out.size() != 1) {
      throw new ValidationException("These " + offered + " rows of table " + table + " went to " + out.size()
          + " sorted files (at most " + bufferRows + " rows are sorted in memory at once); take them all with"
          + " DataWriter.completeFiles()");
    }
    return out.get(0);
  }

  @Override
  public List<DataFile> completeFiles() {
    flush();
    return finished.stream().map(SortedFile::file).toList();
  }

  /**
   * The files written so far with where their rows came from; call after {@link #completeFiles()}.
   *
   * @throws IllegalStateException if the writer was not asked to track ordinals
   */
  public List<SortedFile> sortedFiles() {
    if (!trackOrdinals) {
      throw new IllegalStateException("this writer was made without trackOrdinals");
    }
    return List.copyOf(finished);
  }

  @Override
  public void close() {
    buffer.clear();
  }
}
