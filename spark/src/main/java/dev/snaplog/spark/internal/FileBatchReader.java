package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.data.BulkColumnReader;
import dev.snaplog.core.data.ColumnarFileReader;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.io.Storage;
import dev.snaplog.core.types.Type;
import dev.snaplog.manifest.DeletionVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads the live rows of one data file as Spark column batches: each batch holds up to the batch size of rows,
 * decoded column by column from Parquet's column chunks into Spark's column vectors (the batch and its vectors
 * are reused, as Spark allows): number, date and timestamp columns a page at a time ({@link BulkDecoder}), the
 * others a value at a time. Rows a deletion vector names are left out as they are decoded, so batches hold
 * live rows only. Row groups whose stats rule out the residual filter are skipped as the row reader skips them;
 * rows are not filtered here (Spark evaluates every filter again). Columns the file lacks read as their
 * default or null, as constant vectors; {@code _file} is a constant, {@code _pos} each row's file position.
 * A read of no table column (a count) decodes no values: the batches hold only row counts (and metadata).
 */
final class FileBatchReader implements PartitionReader<ColumnarBatch> {
  private final ColumnarFileReader file;
  /** Whether a position is deleted, asked in ascending order as the file is read; null when none is. */
  private final LongPredicate deleted;
  private final int batchSize;
  /** Per projected column: its vector to fill, or null for a constant one. */
  private final WritableColumnVector[] vectors;
  /** Per projected column: its decoder when the file holds it as a type core decodes a page at a time. */
  private final BulkDecoder[] bulk;
  /** Per projected column: its value-at-a-time decoder when it is of another type the file holds. */
  private final ColumnDecoder[] decoders;
  /** Per projected column: its dictionary vector when it is a string or binary column the file holds. */
  private final DictionaryVector[] dictionaries;
  private final ColumnReader[] readers;
  private final WritableColumnVector positions;
  private final ColumnarBatch batch;
  private final List<ColumnVector> owned = new ArrayList<>();
  private final boolean[] drop;
  /** Rows of the current row group already read, and its size; both 0 before the first. */
  private long groupRead;
  private long groupRows;
  private boolean done;

  FileBatchReader(Storage storage, FileInputPartition partition, Schema dataSchema, List<String> columns,
      RowMetadata metadata, int batchSize) {
    this.batchSize = batchSize;
    this.drop = new boolean[batchSize];
    // a read of no table column (a count) still opens one column: rows are counted by row group
    boolean noColumn = columns.isEmpty();
    Schema projection = dataSchema.select(noColumn ? List.of(dataSchema.columnNames().get(0)) : columns);
    this.deleted = partition.deletionVector() == null ? null
        : DeletionVectors.inOrder(DeletionVectors.read(storage.objects(), partition.dataFile()));
    this.file = ParquetFormat.readColumns(
        storage.objects().newInputFile(partition.location(), partition.fileSizeBytes()), dataSchema, projection,
        partition.residual().bind(dataSchema), new ReadMetrics());
    try {
      int n = noColumn ? 0 : projection.size();
      this.vectors = new WritableColumnVector[n];
      this.bulk = new BulkDecoder[n];
      this.decoders = new ColumnDecoder[n];
      this.dictionaries = new DictionaryVector[n];
      this.readers = new ColumnReader[n];
      List<ColumnVector> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ColumnarFileReader.Column c = file.columns().get(i);
        Type type = c.field().type();
        if (c.inFile() && DictionaryVector.holds(type)) {
          dictionaries[i] = new DictionaryVector(SparkSchemas.toSpark(type), batchSize);
          all.add(dictionaries[i]);
        } else if (c.inFile()) {
          vectors[i] = new OnHeapColumnVector(batchSize, SparkSchemas.toSpark(type));
          if (BulkColumnReader.supports(c)) {
            bulk[i] = new BulkDecoder();
          } else {
            decoders[i] = ColumnDecoder.of(c);
          }
          all.add(vectors[i]);
        } else {
          all.add(ConstantVectors.of(type, c.defaultValue(), batchSize));
        }
      }
      if (metadata.file()) {
        ConstantColumnVector location = new ConstantColumnVector(batchSize, DataTypes.StringType);
        location.setUtf8String(UTF8String.fromString(partition.location()));
        all.add(location);
      }
      this.positions = metadata.position() ? new OnHeapColumnVector(batchSize, DataTypes.LongType) : null;
      if (positions != null) {
        all.add(positions);
      }
      owned.addAll(all);
      this.batch = new ColumnarBatch(all.toArray(ColumnVector[]::new));
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  @Override
  public boolean next() {
    if (done) {
      return false;
    }
    for (WritableColumnVector v : vectors) {
      if (v != null) {
        v.reset();
      }
    }
    for (DictionaryVector v : dictionaries) {
      if (v != null) {
        v.reset();
      }
    }
    if (positions != null) {
      positions.reset();
    }
    int filled = 0;
    try {
      while (filled < batchSize) {
        if (groupRead == groupRows && !nextRowGroup()) {
          break;
        }
        int rows = (int) Math.min(batchSize - filled, groupRows - groupRead);
        filled = decode(file.rowGroupStart() + groupRead, rows, filled);
        groupRead += rows;
      }
    } catch (ParquetDecodingException e) {
      throw file.corrupt(e);
    }
    batch.setNumRows(filled);
    return filled > 0;
  }

  private boolean nextRowGroup() {
    if (!file.nextRowGroup()) {
      done = true;
      return false;
    }
    groupRead = 0;
    groupRows = file.rowGroupRows();
    for (int i = 0; i < readers.length; i++) {
      readers[i] = decoders[i] == null && dictionaries[i] == null ? null : file.reader(i);
      if (bulk[i] != null) {
        bulk[i].nextChunk(file.bulkReader(i));
      }
      if (dictionaries[i] != null) {
        dictionaries[i].nextChunk();
      }
    }
    return true;
  }

  /**
   * Decodes {@code rows} rows starting at file position {@code first} into the vectors from {@code out} on.
   *
   * @return the number of rows in the batch afterwards
   */
  private int decode(long first, int rows, int out) {
    boolean[] dropped = markDeleted(first, rows);
    for (int i = 0; i < decoders.length; i++) {
      if (bulk[i] != null) {
        bulk[i].decode(vectors[i], out, rows, dropped);
      } else if (decoders[i] != null) {
        decoders[i].decode(readers[i], vectors[i], out, rows, dropped);
      } else if (dictionaries[i] != null) {
        dictionaries[i].decode(readers[i], out, rows, dropped);
      }
    }
    int end = out + rows;
    if (dropped != null) {
      for (int i = 0; i < rows; i++) {
        if (dropped[i]) {
          end--;
        }
      }
    }
    if (positions != null) {
      int at = out;
      for (int i = 0; i < rows; i++) {
        if (dropped == null || !dropped[i]) {
          positions.putLong(at++, first + i);
        }
      }
    }
    return end;
  }

  /** Which of the {@code rows} rows at {@code first} onwards are deleted, or null when none is. */
  private boolean[] markDeleted(long first, int rows) {
    if (deleted == null) {
      return null;
    }
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      drop[i] = deleted.test(first + i);
      any |= drop[i];
    }
    return any ? drop : null;
  }

  @Override
  public ColumnarBatch get() {
    return batch;
  }

  @Override
  public void close() {
    file.close();
    for (ColumnVector v : owned) {
      v.close();
    }
  }
}
