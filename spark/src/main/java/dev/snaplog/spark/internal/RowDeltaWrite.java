package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWrite;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperation.Command;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The write of a merge-on-read operation, built and checked on the driver: new rows have the table's columns,
 * and each row id is ({@code _file}, {@code _pos}).
 */
final class RowDeltaWrite implements DeltaWriteBuilder, DeltaWrite {
  private final Table table;
  private final WarehouseConfig config;
  private final LogicalWriteInfo info;
  private final Command command;
  private final Supplier<SnaplogScan> scan;

  /**
   * @param scan the operation's scan, planned by the time the job commits
   */
  RowDeltaWrite(Table table, WarehouseConfig config, LogicalWriteInfo info, Command command,
      Supplier<SnaplogScan> scan) {
    this.table = table;
    this.config = config;
    this.info = info;
    this.command = command;
    this.scan = scan;
  }

  @Override
  public DeltaWrite build() {
    StructField[] incoming = info.schema().fields();
    if (incoming.length != 0 && incoming.length != table.schema().size()) { // a DELETE writes no row
      throw new ValidationException("Table " + table.id() + " has columns " + table.schema().columnNames()
          + " but the " + command + " writes " + Arrays.stream(incoming).map(StructField::name).toList());
    }
    return this;
  }

  @Override
  public String description() {
    return command + " (merge-on-read) of snaplog table " + table.id();
  }

  @Override
  public DeltaBatchWrite toBatch() {
    StructType rowId = info.rowIdSchema().orElseThrow(() -> new IllegalStateException(command + " of table "
        + table.id() + ": Spark passed no row id"));
    WriteSettings settings = new WriteSettings(info.queryId(), info.options());
    return new RowDeltaBatchWrite(table, config, table.schema(), settings,
        deleted -> new RowDeltaCommit(deleted, scan.get().pruningFilter(), command),
        rowId.fieldIndex(FileColumn.NAME), rowId.fieldIndex(PositionColumn.NAME));
  }
}
