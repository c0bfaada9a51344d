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

  /** Finishes the file and describes it, with stats, for {@link AppendFiles#appendFile}. */
  DataFile complete();

  /** Abandons the file if not completed. */
  @Override
  void close();
}
