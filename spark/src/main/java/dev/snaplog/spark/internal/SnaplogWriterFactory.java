package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Shipped to executors: opens a {@link FileWriter} per task attempt over the warehouse's storage. */
final class SnaplogWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final WarehouseConfig config;
  private final String dataFolder;
  private final SchemaDescription schema;
  private final String tableName;
  private final boolean discard;

  private SnaplogWriterFactory(WarehouseConfig config, String dataFolder, SchemaDescription schema, String tableName,
      boolean discard) {
    this.config = config;
    this.dataFolder = dataFolder;
    this.schema = schema;
    this.tableName = tableName;
    this.discard = discard;
  }

  /**
   * A factory of writers into {@code table}'s {@code data/} folder, the one place its commits accept files
   * from, of rows of {@code schema}.
   *
   * @param discard drop every row and write no file (the write's commit token is already committed)
   */
  static SnaplogWriterFactory forTable(WarehouseConfig config, Table table, Schema schema, boolean discard) {
    String dataFolder = config.storage().objects().resolve(table.location(), "data");
    return new SnaplogWriterFactory(config, dataFolder, SchemaDescription.of(schema), table.id().toString(),
        discard);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new FileWriter(config.storage().objects(), dataFolder, schema.schema(), tableName, discard);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
    return createWriter(partitionId, taskId);
  }
}
