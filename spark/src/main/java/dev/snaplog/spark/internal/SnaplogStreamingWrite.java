package dev.snaplog.spark.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;

/**
 * Appends each micro-batch in one commit whose token is {@code <query id>:<batch id>}. Spark keeps a streaming
 * query's id in its checkpoint and runs a batch again with the same id after a restart when its commit was not
 * recorded there; the table then recognises the token and commits nothing, so every batch lands exactly once.
 */
final class SnaplogStreamingWrite implements StreamingWrite {
  private final SnaplogWrite write;
  private final WriteSettings settings;
  private final Map<Long, JobCommit> epochs = new ConcurrentHashMap<>();

  SnaplogStreamingWrite(SnaplogWrite write, WriteSettings settings) {
    this.write = write;
    this.settings = settings;
  }

  @Override
  public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
    return write.writerFactory(false);
  }

  static String token(String queryId, long epochId) {
    return queryId + ":" + epochId;
  }

  @Override
  public void commit(long epochId, WriterCommitMessage[] messages) {
    JobCommit job = epochs.computeIfAbsent(epochId, e -> write.newJobCommit());
    job.commit(WrittenFiles.all(messages), Optional.of(token(settings.queryId(), epochId)));
    epochs.remove(epochId);
  }

  @Override
  public void abort(long epochId, WriterCommitMessage[] messages) {
    JobCommit job = epochs.computeIfAbsent(epochId, e -> write.newJobCommit());
    job.abort(WrittenFiles.all(messages));
    epochs.remove(epochId);
  }
}
