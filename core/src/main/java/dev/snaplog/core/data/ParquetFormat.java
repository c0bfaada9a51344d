package dev.snaplog.core.data;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.OutputFile;

/** Entry points for reading and writing Parquet data files through the storage SPI. */
public final class ParquetFormat {
  private ParquetFormat() {}

  /**
   * A writer of one Parquet file at {@code out} holding rows of {@code schema}.
   *
   * @param tableName named in validation errors
   */
  public static DataWriter newWriter(OutputFile out, Schema schema, String tableName) {
    throw new UnsupportedOperationException("Parquet writer not implemented yet");
  }

  /**
   * Reads the rows of a data file that pass {@code boundFilter}, projected to {@code projection}.
   * Row groups whose stats rule out the filter are skipped without reading their pages.
   *
   * @param tableSchema the schema the file was written with (columns matched by field id)
   * @param projection the columns to return, a subset of {@code tableSchema}
   * @param boundFilter a filter bound to {@code tableSchema}; {@code alwaysTrue()} for none
   */
  public static CloseableIterable<Record> read(InputFile in, Schema tableSchema, Schema projection,
      Expression boundFilter) {
    throw new UnsupportedOperationException("Parquet reader not implemented yet");
  }
}
