package dev.snaplog.core.data;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.io.OutputFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes rows sorted by a sort order: rows are held in memory and written, sorted, when the buffer holds
 * {@link SortOptions#bufferRows()} rows or the writer completes, each such run as files of its own (cut every
 * {@link SortOptions#maxFileRows()} rows, so the files of one run cover disjoint ranges). So every file is
 * sorted, and memory stays bounded however many rows come; a write larger than the buffer makes several runs
 * whose value ranges may overlap. Rows equal by the order keep the order they came in. Not thread-safe.
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
  private final int maxFileRows;
  private final boolean trackOrdinals;
  private final Comparator<Buffered> order;
  private final RowValidator validator;
  private final List<Buffered> buffer = new ArrayList<>();
  private final List<SortedFile> finished = new ArrayList<>();
  private long offered;

  /**
   * @param sort the order, the buffer bound, the file cut and whether to track ordinals ({@link #sortedFiles()})
   * @param files makes each output file
   * @param table named in validation errors
   * @throws ValidationException if the order's columns are not sortable columns of {@code schema}
   */
  public SortingWriter(Schema schema, SortOptions sort, Supplier<OutputFile> files, String table,
      WriteOptions options) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.files = Objects.requireNonNull(files, "files");
    this.table = table;
    this.options = Objects.requireNonNull(options, "options");
    this.bufferRows = sort.bufferRows();
    this.maxFileRows = sort.maxFileRows();
    this.trackOrdinals = sort.trackOrdinals();
    Comparator<Record> rows = sort.order().comparator(schema);
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

  /** Sorts the held rows and writes them out (a file per {@code maxFileRows}); nothing when none are held. */
  void flush() {
    buffer.sort(order); // List.sort is stable: rows equal by the order keep their arrival order
    for (int start = 0; start < buffer.size(); start += maxFileRows) {
      writeFile(buffer.subList(start, Math.min(buffer.size(), start + maxFileRows)));
    }
    buffer.clear();
  }

  private void writeFile(List<Buffered> rows) {
    long[] ordinals = trackOrdinals ? new long[rows.size()] : null;
    try (DataWriter out = ParquetFormat.newWriter(files.get(), schema, table, options)) {
      for (int i = 0; i < rows.size(); i++) {
        out.write(rows.get(i).row());
        if (ordinals != null) {
          ordinals[i] = rows.get(i).ordinal();
        }
      }
      finished.add(new SortedFile(out.complete(), ordinals));
    }
  }

  @Override
  public long recordCount() {
    return offered;
  }

  @Override
  public DataFile complete() {
    if (offered == 0 && finished.isEmpty()) {
      writeFile(List.of()); // no rows: an empty file, as the streaming writer makes
      return finished.get(0).file();
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
