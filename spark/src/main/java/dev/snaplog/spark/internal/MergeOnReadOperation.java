package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDelta;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} by merge-on-read (the default): Spark reads only the
 * rows the statement may change (the condition prunes files by stats and rows as usual), each with its id
 * ({@code _file}, {@code _pos}); tasks turn deleted and changed rows into positions and write new and changed
 * rows into new files; the driver commits both in one row delta ({@link RowDeltaCommit}). Files holding changed
 * rows get a deletion vector instead of being written again.
 */
final class MergeOnReadOperation implements SupportsDelta {
  private final Table table;
  private final WarehouseConfig config;
  private final Command command;
  private volatile SnaplogScan scan;

  MergeOnReadOperation(Table table, WarehouseConfig config, Command command) {
    this.table = table;
    this.config = config;
    this.command = command;
  }

  @Override
  public Command command() {
    return command;
  }

  @Override
  public String description() {
    return command + " of snaplog table " + table.id() + " (merge-on-read)";
  }

  @Override
  public NamedReference[] rowId() {
    return new NamedReference[] {Expressions.column(FileColumn.NAME), Expressions.column(PositionColumn.NAME)};
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new SnaplogScanBuilder(table, config, ReadSelection.current(), built -> scan = built, false);
  }

  @Override
  public DeltaWriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (new WriteSettings(info.queryId(), info.options()).branch().isPresent()) {
      throw SparkErrors.branchInRowLevelOperation(command.name());
    }
    return new RowDeltaWrite(table, config, info, command, this::scan);
  }

  private SnaplogScan scan() {
    SnaplogScan s = scan;
    if (s == null) {
      throw new IllegalStateException(command + " of table " + table.id() + " is committing without having read"
          + " the table");
    }
    return s;
  }
}
