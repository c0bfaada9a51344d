package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.expressions.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.connector.read.SupportsRuntimeV2Filtering;
import org.apache.spark.sql.internal.connector.PredicateUtils;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.types.StructType;

/**
 * A batch read planned on the driver through Snaplog's scan planning: one input partition per data file that
 * the filter's stats do not rule out. Planned once, on first use, so the statistics Spark asks for while
 * optimising and the partitions it runs describe the same files.
 *
 * <p>The scan of a row-level operation also takes runtime filters on {@code _file}: Spark first finds which
 * files hold rows the statement changes ({@code SELECT DISTINCT _file ... WHERE condition}, or the join of a
 * {@code MERGE}), and only those files are read and written again.
 */
final class SnaplogScan implements SupportsReportStatistics, SupportsRuntimeV2Filtering, Batch {
  private final Table table;
  private final WarehouseConfig config;
  private final ReadSelection selection;
  private final Schema dataSchema;
  private final Expression filter;
  private final List<String> columns;
  private final Filter[] pushed;
  private final boolean wholeFiles;
  private final RowMetadata metadata;
  private final ReadSettings settings;
  private List<FileScanTask> tasks;

  /**
   * @param wholeFiles read every live row of each file the filter's stats do not rule out (for a row-level
   *     operation, which writes those files again); otherwise rows failing the filter may be dropped
   */
  SnaplogScan(Table table, WarehouseConfig config, ReadSelection selection, Schema dataSchema, Expression filter,
      List<String> columns, RowMetadata metadata, Filter[] pushed, boolean wholeFiles, ReadSettings settings) {
    this.table = table;
    this.config = config;
    this.selection = selection;
    this.dataSchema = dataSchema;
    this.filter = filter;
    this.columns = columns;
    this.pushed = pushed;
    this.wholeFiles = wholeFiles;
    this.metadata = metadata;
    this.settings = settings;
  }

  @Override
  public StructType readSchema() {
    StructType data = columns.isEmpty() ? new StructType() : SparkSchemas.toSpark(dataSchema.select(columns));
    return metadata.appendTo(data);
  }

  @Override
  public String description() {
    return "snaplog " + table.id() + " [" + selection + "] filters=" + Arrays.toString(pushed) + " columns="
        + columns + metadata + (wholeFiles ? " whole files" : "")
        + (SnaplogReaderFactory.columnar(dataSchema, columns, settings) ? " columnar" : "");
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  /** The data files this scan reads, as the log describes them at the version read. */
  List<DataFile> files() {
    return tasks().stream().map(FileScanTask::file).toList();
  }

  /** The filter whose stats chose the files (before any runtime filter). */
  Expression pruningFilter() {
    return filter;
  }

  @Override
  public NamedReference[] filterAttributes() {
    return wholeFiles ? new NamedReference[] {Expressions.column(FileColumn.NAME)} : new NamedReference[0];
  }

  /**
   * Keeps only the files a runtime filter {@code _file IN (...)} or {@code _file = ...} names; other
   * predicates are ignored (a runtime filter only narrows what is read, the statement stays right without it).
   */
  @Override
  public synchronized void filter(Predicate[] predicates) {
    for (Predicate p : predicates) {
      scala.Option<Filter> v1 = PredicateUtils.toV1(p);
      Set<String> keep = null;
      if (v1.isDefined() && v1.get() instanceof In in
          && in.attribute().equals(FileColumn.NAME)) {
        keep = new HashSet<>();
        for (Object v : in.values()) {
          keep.add(String.valueOf(v));
        }
      } else if (v1.isDefined() && v1.get() instanceof EqualTo eq
          && eq.attribute().equals(FileColumn.NAME)) {
        keep = Set.of(String.valueOf(eq.value()));
      }
      if (keep != null) {
        Set<String> files = keep;
        tasks = tasks().stream().filter(t -> files.contains(t.file().location())).toList();
      }
    }
  }

  private synchronized List<FileScanTask> tasks() {
    if (tasks == null) {
      TableScan scan = selection.scan(table).filter(filter);
      tasks = scan.planFiles().toList();
    }
    return tasks;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    List<InputPartition> out = new ArrayList<>();
    for (FileScanTask t : tasks()) {
      out.add(FileInputPartition.of(t, wholeFiles));
    }
    return out.toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new SnaplogReaderFactory(config, SchemaDescription.of(dataSchema), columns, metadata, settings);
  }

  @Override
  public Statistics estimateStatistics() {
    long bytes = 0;
    long rows = 0;
    for (FileScanTask t : tasks()) {
      DataFile f = t.file();
      bytes += f.fileSizeBytes();
      rows += f.liveRecordCount();
    }
    long size = bytes;
    long count = rows;
    return new Statistics() {
      @Override
      public OptionalLong sizeInBytes() {
        return OptionalLong.of(size);
      }

      @Override
      public OptionalLong numRows() {
        return OptionalLong.of(count);
      }
    };
  }
}
