package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.expressions.Expression;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.connector.catalog.SupportsDeleteV2;
import org.apache.spark.sql.connector.catalog.SupportsMetadataColumns;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsRowLevelOperations;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.RowLevelOperationBuilder;
import org.apache.spark.sql.connector.write.RowLevelOperationInfo;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Snaplog table as Spark sees it: its schema, batch reads at the current snapshot or one chosen by time
 * travel, appends by batch and streaming writes, overwrites, and row-level changes: {@code DELETE} through
 * Snaplog's own delete when its condition translates exactly ({@link SupportsDeleteV2}), else, like
 * {@code UPDATE} and {@code MERGE}, by merge-on-read ({@link MergeOnReadOperation}) or copy-on-write
 * ({@link CopyOnWriteOperation}) as {@link RowLevelMode} chooses. Loaded afresh for every query, so a query
 * sees the table's newest version when it is planned.
 */
public final class SnaplogSparkTable implements org.apache.spark.sql.connector.catalog.Table, SupportsRead,
    SupportsWrite, SupportsDeleteV2, SupportsRowLevelOperations,
    SupportsMetadataColumns {
  private static final Set<TableCapability> CAPABILITIES = EnumSet.of(TableCapability.BATCH_READ,
      TableCapability.BATCH_WRITE, TableCapability.STREAMING_WRITE, TableCapability.TRUNCATE,
      TableCapability.OVERWRITE_BY_FILTER, TableCapability.OVERWRITE_DYNAMIC);

  private final Table table;
  private final WarehouseConfig config;
  private final ReadSelection selection;
  private final Schema schema;

  public SnaplogSparkTable(Table table, WarehouseConfig config, ReadSelection selection) {
    this.table = table;
    this.config = config;
    this.selection = selection;
    this.schema = selection.scan(table).schema(); // also fails early when the selection names no snapshot
  }

  public Table table() {
    return table;
  }

  @Override
  public String name() {
    return table.id().toString() + (selection.isCurrent() ? "" : " (" + selection + ")");
  }

  @Override
  public StructType schema() {
    return SparkSchemas.toSpark(schema);
  }

  /** The table's current partition spec as Spark's transforms ({@code days(ts)}, {@code bucket(16, id)}, ...). */
  @Override
  public Transform[] partitioning() {
    return SparkPartitioning.toSpark(table.spec(), table.schema());
  }

  @Override
  public Map<String, String> properties() {
    Map<String, String> out = new LinkedHashMap<>(table.properties());
    out.put("provider", "snaplog");
    out.put("location", table.location());
    out.put("format", "snaplog/parquet");
    out.put("table-version", Long.toString(table.version()));
    table.currentSnapshot().ifPresent(s -> out.put("current-snapshot-id", Long.toString(s.snapshotId())));
    return out;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public MetadataColumn[] metadataColumns() {
    return new MetadataColumn[] {FileColumn.INSTANCE, PositionColumn.INSTANCE};
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    ZoneId zone = ZoneId.of(SQLConf.get().sessionLocalTimeZone());
    ReadSelection chosen = selection.with(ReadSelection.fromOptions(options, zone));
    return new SnaplogScanBuilder(table, config, chosen, ReadSettings.of(options, table.properties()));
  }

  @Override
  public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
    checkWritable();
    return new SnaplogWriteBuilder(table, config, info);
  }

  /** True when every predicate translates exactly into a Snaplog filter; else Spark rewrites the delete. */
  @Override
  public boolean canDeleteWhere(Predicate[] predicates) {
    return selection.isCurrent() && SparkFilters.exact(schema).translateAll(predicates).isPresent();
  }

  /**
   * Deletes the matching rows in one Snaplog commit, as the table's {@code write.delete.mode} says: deletion
   * vectors (merge-on-read, the default) or rewritten files (copy-on-write).
   */
  @Override
  public void deleteWhere(Predicate[] predicates) {
    checkWritable();
    Expression filter = SparkFilters.exact(schema).translateAll(predicates)
        .orElseThrow(() -> SparkErrors.overwriteNotExact(table.id().toString(),
            Arrays.toString(predicates)));
    if (table.currentSnapshot().isEmpty()) {
      return; // no rows yet: nothing to delete
    }
    table.newDelete().deleteWhere(filter).commit();
  }

  @Override
  public RowLevelOperationBuilder newRowLevelOperationBuilder(RowLevelOperationInfo info) {
    checkWritable();
    RowLevelMode mode = RowLevelMode.of(info.command(), table.properties(), config.properties());
    return mode == RowLevelMode.COPY_ON_WRITE
        ? () -> new CopyOnWriteOperation(table, config, info.command())
        : () -> new MergeOnReadOperation(table, config, info.command());
  }

  private void checkWritable() {
    if (!selection.isCurrent()) {
      throw SparkErrors.unsupported("Writing to a table read at " + selection, "write to the table itself");
    }
  }

  @Override
  public String toString() {
    return "snaplog table " + name();
  }
}
