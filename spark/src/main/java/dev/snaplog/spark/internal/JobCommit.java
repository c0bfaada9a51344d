package dev.snaplog.spark.internal;

import dev.snaplog.core.CommitResult;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.io.ObjectStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one write job (a batch write, or one micro-batch of a stream): commits every file the
 * tasks wrote in one Snaplog commit (an append, an overwrite, or the file replacement of a row-level
 * operation: see {@link CommitOperation}), or, when the job fails before that, deletes them.
 *
 * <p>Once the append may have landed, nothing is deleted: not after an unknown outcome (the files may be in
 * the table), and not when Spark aborts the job because of an error raised after the commit. Files of a
 * commit whose token was already committed are deleted, since the log never names them.
 */
final class JobCommit {
  private static final Logger LOG = LoggerFactory.getLogger(JobCommit.class);

  private final Table table;
  private final ObjectStore objects;
  private final WriteSettings settings;
  private final CommitOperation operation;
  private volatile boolean mayHaveCommitted;

  JobCommit(Table table, ObjectStore objects, WriteSettings settings, CommitOperation operation) {
    this.table = table;
    this.objects = objects;
    this.settings = settings;
    this.operation = operation;
  }

  /**
   * Commits the files in one commit, with {@code token} when given.
   *
   * @return what the commit did; empty when there were no files and the operation needs none (nothing is
   *     committed then)
   * @throws CommitStateUnknownException if the outcome could not be settled; the files are kept
   */
  Optional<CommitResult> commit(List<WrittenFile> files, Optional<String> token) {
    if (files.isEmpty() && !operation.commitsWithoutFiles(table)) {
      LOG.info("Table {}: write {} produced no data file; nothing to commit", table.id(), settings.queryId());
      return Optional.empty();
    }
    List<DataFile> dataFiles = files.stream().map(WrittenFile::toDataFile).toList();
    SnapshotUpdate<?> update = operation.start(table, dataFiles, settings);
    token.ifPresent(update::commitToken);
    CommitResult result;
    try {
      result = update.commitWithResult();
    } catch (CommitStateUnknownException e) {
      mayHaveCommitted = true;
      throw e;
    }
    mayHaveCommitted = true;
    if (result.duplicate()) {
      LOG.info("Table {}: commit token {} was already committed (as {} in snapshot {}); deleting the {} files"
          + " this run wrote again", table.id(), token.orElse(""), result.matchedToken().orElse(""),
          result.snapshot().snapshotId(), files.size());
      delete(files);
    } else {
      LOG.info("Table {}: {} committed {} new files at version {} (snapshot {})", table.id(),
          operation.describe(), files.size(), result.version(), result.snapshot().snapshotId());
    }
    return Optional.of(result);
  }

  /** Deletes the job's files unless a commit of them may have landed. */
  void abort(List<WrittenFile> files) {
    if (mayHaveCommitted) {
      LOG.warn("Table {}: write {} failed after its commit may have landed; keeping its {} files",
          table.id(), settings.queryId(), files.size());
      return;
    }
    LOG.info("Table {}: write {} aborted; deleting its {} files", table.id(), settings.queryId(), files.size());
    delete(files);
  }

  private void delete(List<WrittenFile> files) {
    for (WrittenFile f : files) {
      try {
        objects.delete(f.location());
      } catch (RuntimeException e) {
        LOG.warn("Table {}: could not delete unused data file {} ({}); orphan removal will", table.id(),
            f.location(), e.toString());
      }
    }
  }
}
