package dev.snaplog.spark.internal;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.io.Storage;
import dev.snaplog.manifest.DeletionVectors;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads the live rows of one data file as Spark rows, one at a time: rows its deletion vector names are
 * skipped (the vector is fetched by byte range, only for this file). Row groups whose stats rule out the
 * residual filter are skipped, and rows that fail it are dropped by Snaplog's reader. A query that needs no
 * table column (a count) still reads one column, to learn how many rows pass the filter. The metadata columns
 * {@code _file} and {@code _pos}, when asked for, come last.
 *
 * <p>A row's position is learnt from the deleted-row test: Snaplog's reader asks it once for every row of the
 * row groups it decodes, in file order, just before deciding whether that row is returned, so the position
 * asked about last is the position of the row returned next.
 */
final class FileRowReader implements PartitionReader<InternalRow> {
  private static final InternalRow EMPTY_ROW = new GenericInternalRow(new Object[0]);

  private final CloseableIterable<Record> rows;
  private final Iterator<Record> iterator;
  private final SparkValues.ToSpark converter;
  private final RowMetadata metadata;
  private final UTF8String location;
  /** The position the reader asked about last: that of the row it returns next. */
  private long lastPosition = -1;
  private Record current;
  private long currentPosition;

  /**
   * @param metadata the metadata columns to append to each row
   */
  FileRowReader(Storage storage, FileInputPartition file, Schema dataSchema, List<String> columns,
      RowMetadata metadata) {
    this.metadata = metadata;
    this.location = UTF8String.fromString(file.location());
    boolean noColumn = columns.isEmpty();
    Schema projection = dataSchema.select(noColumn ? List.of(dataSchema.columnNames().get(0)) : columns);
    LongPredicate deleted = deleted(storage, file);
    LongPredicate tracked = position -> {
      lastPosition = position;
      return deleted.test(position);
    };
    this.rows = ParquetFormat.read(storage.objects().newInputFile(file.location(), file.fileSizeBytes()),
        dataSchema, projection, file.residual().bind(dataSchema), tracked, new ReadMetrics());
    this.iterator = rows.iterator();
    this.converter = noColumn ? null : new SparkValues.ToSpark(projection);
  }

  private static LongPredicate deleted(Storage storage, FileInputPartition file) {
    if (file.deletionVector() == null) {
      return position -> false;
    }
    return DeletionVectors.inOrder(DeletionVectors.read(storage.objects(), file.dataFile()));
  }

  @Override
  public boolean next() {
    if (iterator.hasNext()) {
      current = iterator.next();
      currentPosition = lastPosition;
      return true;
    }
    return false;
  }

  @Override
  public InternalRow get() {
    Object[] trailing = metadata.values(location, currentPosition);
    if (converter != null) {
      return converter.row(current, trailing);
    }
    return trailing.length == 0 ? EMPTY_ROW : new GenericInternalRow(trailing);
  }

  @Override
  public void close() {
    rows.close();
  }
}
