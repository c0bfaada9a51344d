package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.ValidationException;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * Starts an append. Only appends: overwrite, truncate and dynamic partition overwrite are not offered, so
 * Spark refuses {@code INSERT OVERWRITE} and complete-mode streaming before any data is written. Options are
 * checked here, before any task runs.
 */
final class SnaplogWriteBuilder implements WriteBuilder {
  private final Table table;
  private final WarehouseConfig config;
  private final LogicalWriteInfo info;

  SnaplogWriteBuilder(Table table, WarehouseConfig config, LogicalWriteInfo info) {
    this.table = table;
    this.config = config;
    this.info = info;
  }

  @Override
  public Write build() {
    Schema schema = table.schema();
    StructField[] incoming = info.schema().fields();
    if (incoming.length != schema.size()) {
      throw new ValidationException("Table " + table.id() + " has columns " + schema.columnNames() + " but the"
          + " write has " + java.util.Arrays.stream(incoming).map(StructField::name).toList());
    }
    WriteSettings settings = new WriteSettings(info.queryId(), info.options());
    settings.commitToken().ifPresent(t -> table.newAppend().commitToken(t)); // a malformed token fails now
    settings.configure(table.newAppend()); // so does an unknown branch, when the append is built on it
    return new SnaplogWrite(table, config, schema, settings);
  }
}
