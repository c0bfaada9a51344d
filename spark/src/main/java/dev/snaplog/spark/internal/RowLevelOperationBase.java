package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperation;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * What both ways of running a row-level statement share: the statement, the one scan Spark plans for it (the
 * commit validates against what that scan read), and the refusal of branch writes.
 */
abstract class RowLevelOperationBase implements RowLevelOperation {
  protected final Table table;
  protected final WarehouseConfig config;
  private final Command command;
  private final String mode;
  private final boolean wholeFiles;
  private volatile SnaplogScan scan;

  /**
   * @param mode how the statement changes files, for its description
   * @param wholeFiles whether the scan reads every live row of the files it selects (copy-on-write)
   */
  RowLevelOperationBase(Table table, WarehouseConfig config, Command command, String mode, boolean wholeFiles) {
    this.table = table;
    this.config = config;
    this.command = command;
    this.mode = mode;
    this.wholeFiles = wholeFiles;
  }

  @Override
  public Command command() {
    return command;
  }

  @Override
  public String description() {
    return command + " of snaplog table " + table.id() + " (" + mode + ")";
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return new SnaplogScanBuilder(table, config, ReadSelection.current(), built -> scan = built, wholeFiles,
        ReadSettings.of(options, table.properties()));
  }

  /** Refuses a write to a branch: a row-level statement changes the rows of main that its scan read. */
  protected final void checkWritesMain(LogicalWriteInfo info) {
    if (new WriteSettings(info.queryId(), info.options()).branch().isPresent()) {
      throw SparkErrors.branchInRowLevelOperation(command.name());
    }
  }

  /** The scan Spark planned for this statement; the commit needs it to know which files were read. */
  protected final SnaplogScan scan() {
    SnaplogScan s = scan;
    if (s == null) {
      throw new IllegalStateException(command + " of table " + table.id() + " is committing without having read"
          + " the table");
    }
    return s;
  }
}
