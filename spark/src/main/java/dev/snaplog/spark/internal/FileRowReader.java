package dev.snaplog.spark.internal;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.io.Storage;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads the rows of one data file as Spark rows, one at a time. Row groups whose stats rule out the residual
 * filter are skipped, and rows that fail it are dropped by Snaplog's reader. A query that needs no column (a
 * count) still reads one column, to learn how many rows pass the filter, and returns empty rows.
 */
final class FileRowReader implements PartitionReader<InternalRow> {
  private static final InternalRow EMPTY_ROW = new GenericInternalRow(new Object[0]);

  private final CloseableIterable<Record> rows;
  private final Iterator<Record> iterator;
  private final SparkValues.ToSpark converter;
  private Record current;

  FileRowReader(Storage storage, FileInputPartition file, Schema dataSchema, List<String> columns) {
    boolean countOnly = columns.isEmpty();
    Schema projection = dataSchema.select(countOnly ? List.of(dataSchema.columnNames().get(0)) : columns);
    this.rows = ParquetFormat.read(storage.objects().newInputFile(file.location()), dataSchema, projection,
        file.residual().bind(dataSchema));
    this.iterator = rows.iterator();
    this.converter = countOnly ? null : new SparkValues.ToSpark(projection);
  }

  @Override
  public boolean next() {
    if (iterator.hasNext()) {
      current = iterator.next();
      return true;
    }
    return false;
  }

  @Override
  public InternalRow get() {
    return converter == null ? EMPTY_ROW : converter.row(current);
  }

  @Override
  public void close() {
    rows.close();
  }
}
