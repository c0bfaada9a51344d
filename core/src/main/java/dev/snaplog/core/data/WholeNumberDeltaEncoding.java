package dev.snaplog.core.data;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.DefaultV2ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;

/**
 * How data files encode their values: whole-number columns (int and long, and the dates, times and small
 * decimals stored as them) as a dictionary while one pays, else delta-encoded ({@code DELTA_BINARY_PACKED});
 * every other column as a dictionary while one pays, else plain, as Parquet's first writer version does.
 *
 * <p>Plain is the first version's fallback for every type. For whole numbers it is the worst choice when the
 * values are ordered or clustered, as row ids, sequence numbers and event times usually are: a file of a
 * hundred thousand consecutive ids stores 800 KB of plain longs that the compressor must shrink and every reader
 * must inflate again, where deltas store about 4 KB (a few bytes per block of 128). Reading every key of a table
 * is what an upsert does, so this decides much of its cost. Values with no order delta-encode to about their
 * plain size. The pages stay version 1 (page version 2 is not what every reader expects) and each records its
 * encoding, so readers that know delta pages (parquet-java, Spark 3.3 and later, Arrow, DuckDB) read these files;
 * {@link WriteOptions#deltaWholeNumbers()} turns this off for those that do not.
 */
final class WholeNumberDeltaEncoding implements ValuesWriterFactory {
  private final ValuesWriterFactory wholeNumbers = new DefaultV2ValuesWriterFactory();
  private final ValuesWriterFactory others = new DefaultV1ValuesWriterFactory();

  @Override
  public void initialize(ParquetProperties properties) {
    wholeNumbers.initialize(properties);
    others.initialize(properties);
  }

  @Override
  public ValuesWriter newValuesWriter(ColumnDescriptor column) {
    return switch (column.getPrimitiveType().getPrimitiveTypeName()) {
      case INT32, INT64 -> wholeNumbers.newValuesWriter(column);
      default -> others.newValuesWriter(column);
    };
  }
}
