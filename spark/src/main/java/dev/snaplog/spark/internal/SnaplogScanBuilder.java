package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into a read: the filters Snaplog can prune files and row groups with, and the
 * columns the query needs. Every filter is handed back as still to be evaluated: Snaplog skips data by stats,
 * it does not promise that each row it returns passes (the Parquet reader filters rows too, but Spark checks
 * again, which keeps results right even where the two would disagree).
 */
final class SnaplogScanBuilder implements SupportsPushDownFilters, SupportsPushDownRequiredColumns {
  private final Table table;
  private final WarehouseConfig config;
  private final ReadSelection selection;
  private final Schema dataSchema;
  private final List<Filter> pushed = new ArrayList<>();
  private Expression filter = Expressions.alwaysTrue();
  private List<String> columns;
  private RowMetadata metadata = RowMetadata.NONE;
  private final Consumer<SnaplogScan> rowLevelOperation;
  private final boolean wholeFiles;
  private final ReadSettings settings;

  /** A builder of a query's read. */
  SnaplogScanBuilder(Table table, WarehouseConfig config, ReadSelection selection, ReadSettings settings) {
    this(table, config, selection, scan -> {}, false, settings);
  }

  /**
   * A builder of a row-level operation's read, which hands the scan it builds to {@code rowLevelOperation}.
   *
   * @param wholeFiles return every live row of each file the filters' stats do not rule out (copy-on-write,
   *     which writes those files again)
   */
  SnaplogScanBuilder(Table table, WarehouseConfig config, ReadSelection selection,
      Consumer<SnaplogScan> rowLevelOperation, boolean wholeFiles, ReadSettings settings) {
    this.table = table;
    this.config = config;
    this.selection = selection;
    this.rowLevelOperation = rowLevelOperation;
    this.wholeFiles = wholeFiles;
    this.settings = settings;
    this.dataSchema = selection.scan(table).schema();
    this.columns = dataSchema.columnNames();
  }

  @Override
  public Filter[] pushFilters(Filter[] filters) {
    SparkFilters translator = new SparkFilters(dataSchema);
    for (Filter f : filters) {
      Optional<Expression> e = translator.translate(f);
      if (e.isPresent()) {
        pushed.add(f);
        filter = Expressions.and(filter, e.get());
      }
    }
    return filters;
  }

  @Override
  public Filter[] pushedFilters() {
    return pushed.toArray(Filter[]::new);
  }

  @Override
  public void pruneColumns(StructType required) {
    List<String> names = new ArrayList<>();
    boolean file = false;
    boolean position = false;
    for (StructField f : required.fields()) {
      if (dataSchema.findField(f.name()).isPresent()) {
        names.add(f.name());
      } else if (f.name().equals(FileColumn.NAME)) {
        file = true;
      } else if (f.name().equals(PositionColumn.NAME)) {
        position = true;
      }
    }
    columns = names;
    metadata = new RowMetadata(file, position);
  }

  @Override
  public Scan build() {
    SnaplogScan scan = new SnaplogScan(table, config, selection, dataSchema, filter, columns, metadata,
        pushedFilters(), wholeFiles, settings);
    rowLevelOperation.accept(scan);
    return scan;
  }
}
