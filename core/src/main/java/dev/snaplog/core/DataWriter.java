package dev.snaplog.core;

import java.io.Closeable;

/**
 * Writes rows into one new data file. The file is invisible to readers until a commit adds it; a writer
 * closed without {@link #complete()} removes what it wrote.
 */
public interface DataWriter extends Closeable {
  /**
   * Writes one row.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the row does not match the schema or a required
   *     column is null; the row is not written
   */
  void write(Record record);

  /** Rows written so far. */
  long recordCount();

  /**
   * Finishes the file and describes it, with stats, for {@link AppendFiles#appendFile}.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the rows went to more than one file (a
   *     partitioned table's writer, rows of several partitions); use {@link #completeFiles()} there
   */
  DataFile complete();

  /**
   * Finishes every file written and describes them: one per partition the rows fell in, each with its spec id
   * and partition values (none when no row was written).
   */
  default java.util.List<DataFile> completeFiles() {
    return recordCount() == 0 ? java.util.List.of() : java.util.List.of(complete());
  }

  /** Abandons the file if not completed. */
  @Override
  void close();
}
