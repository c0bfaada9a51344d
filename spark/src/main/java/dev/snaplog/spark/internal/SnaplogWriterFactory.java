package dev.snaplog.spark.internal;

import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/**
 * Shipped to executors: opens a {@link FileWriter} per task attempt over the warehouse's storage, routing rows by
 * the partition spec the table had when the write was planned.
 */
final class SnaplogWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
  private static final long serialVersionUID = 1L;

  private final WarehouseConfig config;
  private final String dataFolder;
  private final SchemaDescription schema;
  private final SpecDescription spec;
  private final SortDescription sort;
  private final int maxOpenFiles;
  private final String tableName;
  private final boolean discard;

  private SnaplogWriterFactory(WarehouseConfig config, String dataFolder, SchemaDescription schema,
      SpecDescription spec, SortDescription sort, int maxOpenFiles, String tableName, boolean discard) {
    this.config = config;
    this.dataFolder = dataFolder;
    this.schema = schema;
    this.spec = spec;
    this.sort = sort;
    this.maxOpenFiles = maxOpenFiles;
    this.tableName = tableName;
    this.discard = discard;
  }

  /**
   * A factory of writers into {@code table}'s {@code data/} folder, the one place its commits accept files
   * from, of rows of {@code schema}, routed by the table's current partition spec with the open-file bound of
   * its property {@code write.partitioned.max-open-files} (or the catalog's), and sorted within each file by its
   * sort order with the buffer bound of {@code write.sort.buffer-rows}.
   *
   * @param discard drop every row and write no file (the write's commit token is already committed)
   */
  static SnaplogWriterFactory forTable(WarehouseConfig config, Table table, Schema schema, boolean discard) {
    String dataFolder = config.storage().objects().resolve(table.location(), "data");
    int maxOpenFiles = TableProperties.partitionedMaxOpenFiles(table.properties(), config.properties());
    SortDescription sort = SortDescription.of(table.sortOrder(),
        TableProperties.sortBufferRows(table.properties(), config.properties()));
    return new SnaplogWriterFactory(config, dataFolder, SchemaDescription.of(schema),
        SpecDescription.of(table.spec()), sort, maxOpenFiles, table.id().toString(), discard);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new FileWriter(config.storage().objects(), dataFolder, schema.schema(), spec.spec(), sort.options(),
        maxOpenFiles, tableName, discard);
  }

  @Override
  public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
    return createWriter(partitionId, taskId);
  }
}
