package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a schema without structs, lists or maps straight into Parquet's column writers, one value per
 * column and row, as Iceberg's writers do. Parquet's record-consumer layer, which tracks which fields of
 * which group a record has written so it can fill in nulls, costs about a fifth of the write path and has
 * nothing to do for a flat row. Row groups are cut exactly as parquet-hadoop's own record writer cuts them
 * (the same size checks at the same row counts), so the file is the one {@code ParquetWriter} writes. Not
 * thread-safe.
 */
final class FlatColumnWriter {
  private final ParquetFileWriter file;
  private final MessageType messageType;
  private final ParquetProperties props;
  private final BytesInputCompressor compressor;
  private final long rowGroupSizeThreshold;
  private final Type[] types;
  private final ColumnDescriptor[] columns;
  private final ColumnSink sink = new ColumnSink();
  private ColumnChunkPageWriteStore pageStore;
  private ColumnWriteStore columnStore;
  private ColumnWriter[] writers;
  private long nextRowGroupSize;
  private long recordCount;
  private long recordCountForNextMemCheck;

  /** Whether rows of {@code schema} can be written this way: every column is a primitive. */
  static boolean accepts(Schema schema) {
    return schema.fields().stream().allMatch(f -> f.type().isPrimitive());
  }

  FlatColumnWriter(OutputFileAdapter out, Schema schema, MessageType messageType, ParquetProperties props,
      BytesInputCompressor compressor, long rowGroupSize) throws IOException {
    this.messageType = messageType;
    this.props = props;
    this.compressor = compressor;
    this.rowGroupSizeThreshold = rowGroupSize;
    this.nextRowGroupSize = rowGroupSize;
    List<Field> fields = schema.fields();
    this.types = new Type[fields.size()];
    this.columns = new ColumnDescriptor[fields.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = fields.get(i).type();
      columns[i] = messageType.getColumnDescription(new String[] {fields.get(i).name()});
    }
    // no padding: object stores have no blocks to align row groups to
    this.file = new ParquetFileWriter(out, messageType, ParquetFileWriter.Mode.CREATE, rowGroupSize, 0, null,
        props);
    file.start();
    this.recordCountForNextMemCheck = props.getMinRowCountForPageSizeCheck();
    initStore();
  }

  private void initStore() {
    pageStore = new ColumnChunkPageWriteStore(compressor, messageType, props.getAllocator(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled());
    columnStore = props.newColumnWriteStore(messageType, pageStore, pageStore);
    writers = new ColumnWriter[columns.length];
    for (int i = 0; i < columns.length; i++) {
      writers[i] = columnStore.getColumnWriter(columns[i]);
    }
  }

  /** Writes one validated row whose values are canonical. */
  void write(Record row) throws IOException {
    for (int i = 0; i < writers.length; i++) {
      Object v = row.get(i);
      if (v == null) {
        writers[i].writeNull(0, 0);
      } else {
        sink.target(writers[i], columns[i].getMaxDefinitionLevel());
        ParquetValues.write(sink, types[i], v);
      }
    }
    columnStore.endRecord();
    recordCount++;
    checkRowGroupSize();
  }

  // The checks of parquet-hadoop's InternalParquetRecordWriter: measuring the buffered size is not free, so it
  // is measured at row counts spaced by the average row size, and a row group is cut within two rows of its
  // target size or at the row limit.
  private void checkRowGroupSize() throws IOException {
    if (recordCount >= props.getRowGroupRowCountLimit()) {
      cutRowGroup();
    } else if (recordCount >= recordCountForNextMemCheck) {
      long memSize = columnStore.getBufferedSize();
      long recordSize = memSize / recordCount;
      if (memSize > nextRowGroupSize - 2 * recordSize) {
        cutRowGroup();
      } else {
        recordCountForNextMemCheck = Math.min(
            Math.max(props.getMinRowCountForPageSizeCheck(),
                (recordCount + (long) (nextRowGroupSize / ((float) recordSize))) / 2),
            recordCount + props.getMaxRowCountForPageSizeCheck());
      }
    }
  }

  // After a cut the next size check comes at the minimum row count, as in parquet-hadoop (whose formula for it
  // reads the row count after it has been reset to zero).
  private void cutRowGroup() throws IOException {
    flushRowGroup();
    initStore();
    recordCountForNextMemCheck = Math.min(props.getMinRowCountForPageSizeCheck(),
        props.getMaxRowCountForPageSizeCheck());
  }

  private void flushRowGroup() throws IOException {
    try {
      if (recordCount > 0) {
        file.startBlock(recordCount);
        columnStore.flush();
        pageStore.flushToFileWriter(file);
        recordCount = 0;
        file.endBlock();
        nextRowGroupSize = Math.min(file.getNextRowGroupSize(), rowGroupSizeThreshold);
      }
    } finally {
      columnStore.close();
      pageStore.close();
    }
  }

  /** Writes the last row group and the footer. */
  void close(String writerName) throws IOException {
    flushRowGroup();
    Map<String, String> meta = new HashMap<>();
    meta.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, writerName);
    file.end(meta);
  }

  ParquetMetadata footer() {
    return file.getFooter();
  }

  /** Hands the one value {@link ParquetValues#write} adds to the column writer of the current column. */
  private static final class ColumnSink extends RecordConsumer {
    private ColumnWriter writer;
    private int definitionLevel;

    void target(ColumnWriter w, int d) {
      writer = w;
      definitionLevel = d;
    }

    @Override
    public void addInteger(int value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void addLong(long value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void addBoolean(boolean value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void addBinary(Binary value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void addFloat(float value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void addDouble(double value) {
      writer.write(value, 0, definitionLevel);
    }

    @Override
    public void startMessage() {
      throw new UnsupportedOperationException("flat rows have no message structure");
    }

    @Override
    public void endMessage() {
      throw new UnsupportedOperationException("flat rows have no message structure");
    }

    @Override
    public void startField(String field, int index) {
      throw new UnsupportedOperationException("flat rows have no message structure");
    }

    @Override
    public void endField(String field, int index) {
      throw new UnsupportedOperationException("flat rows have no message structure");
    }

    @Override
    public void startGroup() {
      throw new UnsupportedOperationException("flat rows have no groups");
    }

    @Override
    public void endGroup() {
      throw new UnsupportedOperationException("flat rows have no groups");
    }
  }
}
