package dev.snaplog.spark.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Opens, on an executor, the reader of one data file over the warehouse storage: column batches
 * ({@link FileBatchReader}) when vectorised reads are on and every column read is of a type read column by
 * column, otherwise rows through Snaplog's Parquet reader ({@link FileRowReader}). The choice depends on the
 * scan alone, so every partition of a scan is read the same way, as Spark requires.
 */
final class SnaplogReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final WarehouseConfig config;
  private final SchemaDescription dataSchema;
  private final ArrayList<String> columns;
  private final RowMetadata metadata;
  private final ReadSettings settings;
  private final boolean columnar;

  SnaplogReaderFactory(WarehouseConfig config, SchemaDescription dataSchema, List<String> columns,
      RowMetadata metadata, ReadSettings settings) {
    this.config = config;
    this.dataSchema = dataSchema;
    this.columns = new ArrayList<>(columns);
    this.metadata = metadata;
    this.settings = settings;
    this.columnar = columnar(dataSchema.schema(), columns, settings);
  }

  /** Whether a scan of {@code columns} of {@code schema} reads column batches under {@code settings}. */
  static boolean columnar(Schema schema, List<String> columns, ReadSettings settings) {
    return settings.vectorized() && columns.stream()
        .allMatch(c -> schema.findField(c).map(Field::type).filter(ColumnDecoder::supports).isPresent());
  }

  @Override
  public boolean supportColumnarReads(InputPartition partition) {
    return columnar;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    FileInputPartition file = (FileInputPartition) partition;
    Schema schema = dataSchema.schema();
    return new FileRowReader(config.storage(), file, schema, columns, metadata);
  }

  @Override
  public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
    FileInputPartition file = (FileInputPartition) partition;
    return new FileBatchReader(config.storage(), file, dataSchema.schema(), columns, metadata,
        settings.batchSize());
  }
}
