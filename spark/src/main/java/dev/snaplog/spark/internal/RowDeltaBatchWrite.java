package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.connector.write.DeltaBatchWrite;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.roaringbitmap.RoaringBitmap;

/**
 * The batch job of a merge-on-read operation: tasks send back deleted positions and new files
 * ({@link RowDeltaWriter}); the driver commits them all in one row delta ({@link RowDeltaCommit}, made by
 * {@code commit} from the positions), or deletes
 * the files when the job fails before that.
 */
final class RowDeltaBatchWrite implements DeltaBatchWrite {
  private final Table table;
  private final WarehouseConfig config;
  private final Schema schema;
  private final WriteSettings settings;
  private final Function<Map<String, RoaringBitmap>, RowDeltaCommit> commit;
  private final int fileOrdinal;
  private final int positionOrdinal;
  private volatile JobCommit job;

  RowDeltaBatchWrite(Table table, WarehouseConfig config, Schema schema, WriteSettings settings,
      Function<Map<String, RoaringBitmap>, RowDeltaCommit> commit, int fileOrdinal, int positionOrdinal) {
    this.table = table;
    this.config = config;
    this.schema = schema;
    this.settings = settings;
    this.commit = commit;
    this.fileOrdinal = fileOrdinal;
    this.positionOrdinal = positionOrdinal;
  }

  @Override
  public DeltaWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    return new RowDeltaWriterFactory(SnaplogWriterFactory.forTable(config, table, schema, false), fileOrdinal,
        positionOrdinal);
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    job = jobCommit(WrittenDelta.deletedRows(messages));
    job.commit(WrittenFiles.all(messages), Optional.empty());
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    JobCommit started = job;
    (started != null ? started : jobCommit(Map.of())).abort(WrittenFiles.all(messages));
  }

  private JobCommit jobCommit(Map<String, RoaringBitmap> deleted) {
    return new JobCommit(table, config.storage().objects(), settings, commit.apply(deleted));
  }
}
