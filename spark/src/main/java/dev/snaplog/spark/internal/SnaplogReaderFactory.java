package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Opens, on an executor, the reader of one data file: Snaplog's Parquet reader over the warehouse storage. */
final class SnaplogReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final WarehouseConfig config;
  private final SchemaDescription dataSchema;
  private final ArrayList<String> columns;
  private final RowMetadata metadata;

  SnaplogReaderFactory(WarehouseConfig config, SchemaDescription dataSchema, List<String> columns,
      RowMetadata metadata) {
    this.config = config;
    this.dataSchema = dataSchema;
    this.columns = new ArrayList<>(columns);
    this.metadata = metadata;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    FileInputPartition file = (FileInputPartition) partition;
    Schema schema = dataSchema.schema();
    return new FileRowReader(config.storage(), file, schema, columns, metadata);
  }
}
