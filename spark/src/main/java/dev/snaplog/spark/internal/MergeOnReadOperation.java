package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.write.DeltaWriteBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDelta;

/**
 * {@code DELETE}, {@code UPDATE} and {@code MERGE INTO} by merge-on-read (the default): Spark reads only the
 * rows the statement may change (the condition prunes files by stats and rows as usual), each with its id
 * ({@code _file}, {@code _pos}); tasks turn deleted and changed rows into positions and write new and changed
 * rows into new files; the driver commits both in one row delta ({@link RowDeltaCommit}). Files holding changed
 * rows get a deletion vector instead of being written again.
 */
final class MergeOnReadOperation extends RowLevelOperationBase implements SupportsDelta {
  MergeOnReadOperation(Table table, WarehouseConfig config, Command command) {
    super(table, config, command, "merge-on-read", false);
  }

  @Override
  public NamedReference[] rowId() {
    return new NamedReference[] {Expressions.column(FileColumn.NAME), Expressions.column(PositionColumn.NAME)};
  }

  @Override
  public DeltaWriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    checkWritesMain(info);
    return new RowDeltaWrite(table, config, info, command(), this::scan);
  }
}
