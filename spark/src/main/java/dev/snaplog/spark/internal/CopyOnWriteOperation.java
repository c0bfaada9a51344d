package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperation;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code UPDATE}, {@code MERGE INTO} and a {@code DELETE} whose condition Snaplog cannot apply itself, by
 * copy-on-write: Spark reads every live row of the data files that may hold affected rows (this operation's
 * scan, pruned by the condition's stats), computes what each file should hold now, and writes it as new
 * files; the driver replaces exactly the files read with them in one commit ({@link ReplaceFilesCommit}).
 */
final class CopyOnWriteOperation implements RowLevelOperation {
  private final Table table;
  private final WarehouseConfig config;
  private final Command command;
  private volatile SnaplogScan scan;

  CopyOnWriteOperation(Table table, WarehouseConfig config, Command command) {
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
    return command + " of snaplog table " + table.id() + " (copy-on-write)";
  }

  /** Spark writes the rows of a group-based operation through its metadata path only when it has some. */
  @Override
  public NamedReference[] requiredMetadataAttributes() {
    return new NamedReference[] {Expressions.column(FileColumn.NAME)};
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new SnaplogScanBuilder(table, config, ReadSelection.current(), built -> scan = built, true);
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    if (new WriteSettings(info.queryId(), info.options()).branch().isPresent()) {
      throw SparkErrors.branchInRowLevelOperation(command.name());
    }
    ReplaceFilesCommit commit = new ReplaceFilesCommit(this::scan, () -> config.catalog().loadTable(table.id()),
        command.name());
    return new SnaplogWriteBuilder(table, config, info, commit);
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
