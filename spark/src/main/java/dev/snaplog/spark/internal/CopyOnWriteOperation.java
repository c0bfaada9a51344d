package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;

/**
 * {@code UPDATE}, {@code MERGE INTO} and a {@code DELETE} whose condition Snaplog cannot apply itself, by
 * copy-on-write: Spark reads every live row of the data files that may hold affected rows (this operation's
 * scan, pruned by the condition's stats), computes what each file should hold now, and writes it as new
 * files; the driver replaces exactly the files read with them in one commit ({@link ReplaceFilesCommit}).
 */
final class CopyOnWriteOperation extends RowLevelOperationBase {
  CopyOnWriteOperation(Table table, WarehouseConfig config, Command command) {
    super(table, config, command, "copy-on-write", true);
  }

  /** Spark writes the rows of a group-based operation through its metadata path only when it has some. */
  @Override
  public NamedReference[] requiredMetadataAttributes() {
    return new NamedReference[] {Expressions.column(FileColumn.NAME)};
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    checkWritesMain(info);
    ReplaceFilesCommit commit = new ReplaceFilesCommit(this::scan, () -> config.catalog().loadTable(table.id()),
        command().name());
    return new SnaplogWriteBuilder(table, config, info, commit);
  }
}
