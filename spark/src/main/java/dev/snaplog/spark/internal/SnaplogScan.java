package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.expressions.Expression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Statistics;
import org.apache.spark.sql.connector.read.SupportsReportStatistics;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

/**
 * A batch read planned on the driver through Snaplog's scan planning: one input partition per data file that
 * the filter's stats do not rule out. Planned once, on first use, so the statistics Spark asks for while
 * optimising and the partitions it runs describe the same files.
 */
final class SnaplogScan implements SupportsReportStatistics, Batch {
  private final Table table;
  private final WarehouseConfig config;
  private final ReadSelection selection;
  private final Schema dataSchema;
  private final Expression filter;
  private final List<String> columns;
  private final Filter[] pushed;
  private List<FileScanTask> tasks;

  SnaplogScan(Table table, WarehouseConfig config, ReadSelection selection, Schema dataSchema, Expression filter,
      List<String> columns, Filter[] pushed) {
    this.table = table;
    this.config = config;
    this.selection = selection;
    this.dataSchema = dataSchema;
    this.filter = filter;
    this.columns = columns;
    this.pushed = pushed;
  }

  @Override
  public StructType readSchema() {
    return columns.isEmpty() ? new StructType() : SparkSchemas.toSpark(dataSchema.select(columns));
  }

  @Override
  public String description() {
    return "snaplog " + table.id() + " [" + selection + "] filters=" + Arrays.toString(pushed) + " columns="
        + columns;
  }

  @Override
  public Batch toBatch() {
    return this;
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
      out.add(new FileInputPartition(t.file().location(), t.file().recordCount(),
          PortableExpression.of(t.residual())));
    }
    return out.toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return new SnaplogReaderFactory(config, SchemaDescription.of(dataSchema), columns);
  }

  @Override
  public Statistics estimateStatistics() {
    long bytes = 0;
    long rows = 0;
    for (FileScanTask t : tasks()) {
      DataFile f = t.file();
      bytes += f.fileSizeBytes();
      rows += f.recordCount();
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
