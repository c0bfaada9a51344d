package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;

/**
 * A write to a table whose tasks write new data files and whose driver commits them once: an append (as a
 * batch job or as a stream of micro-batches), an overwrite, or a row-level operation's file replacement.
 */
final class SnaplogWrite implements Write {
  private final Table table;
  private final WarehouseConfig config;
  private final Schema schema;
  private final WriteSettings settings;
  private final CommitOperation operation;

  SnaplogWrite(Table table, WarehouseConfig config, Schema schema, WriteSettings settings,
      CommitOperation operation) {
    this.table = table;
    this.config = config;
    this.schema = schema;
    this.settings = settings;
    this.operation = operation;
  }

  @Override
  public String description() {
    return operation.describe() + " of snaplog table " + table.id();
  }

  SnaplogWriterFactory writerFactory(boolean discard) {
    return SnaplogWriterFactory.forTable(config, table, schema, discard);
  }

  JobCommit newJobCommit() {
    return new JobCommit(table, config.storage().objects(), settings, operation);
  }

  @Override
  public BatchWrite toBatch() {
    return new SnaplogBatchWrite(this, table, settings);
  }

  @Override
  public StreamingWrite toStreaming() {
    if (!(operation instanceof AppendCommit)) {
      throw SparkErrors.unsupported("Output mode complete (replacing the table's rows with each micro-batch)",
          "use output mode append");
    }
    if (settings.commitToken().isPresent()) {
      throw SparkErrors.unsupported("The write option commit-token on a stream", "a stream's commits carry"
          + " <query id>:<batch id> as their token; leave the option out");
    }
    return new SnaplogStreamingWrite(this, settings);
  }
}
