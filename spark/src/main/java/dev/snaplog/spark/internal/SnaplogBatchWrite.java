package dev.snaplog.spark.internal;

import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Table;
import java.util.Optional;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch append: tasks write data files, the driver commits them all in one Snaplog commit. Spark's commit
 * coordinator lets one attempt per partition commit its task, so speculative and failed attempts contribute
 * nothing (their writers delete their files).
 *
 * <p>With the write option {@code commit-token} ({@code writer:sequence}) the commit is idempotent across
 * runs: a job run again after a driver crash finds its token committed, writes no data and commits nothing.
 * Without one, each run is a new append (Spark gives every batch query a new id, so no token can be derived
 * from it that a second run would repeat); the one commit of a run is still made exactly once, since Snaplog
 * settles an unknown commit outcome by the commit's own id.
 */
final class SnaplogBatchWrite implements BatchWrite {
  private static final Logger LOG = LoggerFactory.getLogger(SnaplogBatchWrite.class);

  private final SnaplogWrite write;
  private final Table table;
  private final WriteSettings settings;
  private final JobCommit job;
  private boolean alreadyCommitted;

  SnaplogBatchWrite(SnaplogWrite write, Table table, WriteSettings settings) {
    this.write = write;
    this.table = table;
    this.settings = settings;
    this.job = write.newJobCommit();
  }

  @Override
  public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
    Optional<String> token = settings.commitToken();
    if (token.isPresent()) {
      Optional<CommitResult> done = settings.configure(table.newAppend()).commitToken(token.get())
          .alreadyCommitted();
      if (done.isPresent()) {
        alreadyCommitted = true;
        LOG.info("Table {}: commit token {} is already committed (snapshot {}); this run writes no data",
            table.id(), token.get(), done.get().snapshot().snapshotId());
      }
    }
    return write.writerFactory(alreadyCommitted);
  }

  @Override
  public void commit(WriterCommitMessage[] messages) {
    job.commit(WrittenFiles.all(messages), settings.commitToken());
  }

  @Override
  public void abort(WriterCommitMessage[] messages) {
    job.abort(WrittenFiles.all(messages));
  }
}
