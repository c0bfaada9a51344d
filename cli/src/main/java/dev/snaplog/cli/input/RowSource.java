package dev.snaplog.cli.input;

import dev.snaplog.core.Record;
import java.io.Closeable;

/**
 * Rows of one input file, converted to the table schema. Conversion errors name the place in the file
 * ({@code file:line:column}) so a user can jump straight to it.
 */
public interface RowSource extends Closeable {
  /**
   * The next row, or null at the end.
   *
   * @throws dev.snaplog.cli.CliException (INVALID) for a value that does not fit its column
   */
  Record next();

  /** Bytes of the file consumed so far, for progress. */
  long bytesRead();

  @Override
  void close();
}
