package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.Snapshot;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableLog;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs one logical change through the commit protocol: apply it to the newest version, commit, and on a lost
 * race reload and apply again. The commit id stays the same across attempts, so an attempt whose response
 * was lost is recognised if it landed after all, and the change never lands twice.
 */
final class Committer {
  /** What applying a change to a base version produced. */
  interface Outcome {}

  /** Commit this metadata as the next version; {@code result} is what the operation returns. */
  record Next(TableMetadata metadata, Snapshot result) implements Outcome {
    Next(TableMetadata metadata) {
      this(metadata, metadata.currentSnapshot().orElse(null));
    }
  }

  /** Nothing to commit; the result is already in the table. */
  record AlreadyDone(Snapshot snapshot) implements Outcome {}

  /**
   * Runs background writes of commits. Daemon threads: a write a JVM exits on is one no pointer names, an
   * orphan like any other failed commit's objects.
   */
  private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "snaplog-commit-write");
    t.setDaemon(true);
    return t;
  });

  /**
   * How far a commit time may stray from the store's clock. S3 reports its clock in whole seconds, so the
   * writer's own clock is used when it agrees with the store's within this, and the store's clock otherwise.
   */
  static final long STORE_CLOCK_SLACK_MILLIS = 1_000;

  private final TableOperations ops;
  private final String commitId = UUID.randomUUID().toString();
  private final List<TableLog.PendingWrite> pending = new ArrayList<>();
  private final OrphanFence fence;

  Committer(TableOperations ops) {
    this(ops, ops.current().pointer().storeNowMillis());
  }

  /**
   * @param startedAtStoreMillis the store's clock before the operation wrote anything it will commit
   */
  Committer(TableOperations ops, long startedAtStoreMillis) {
    this.ops = ops;
    this.fence = new OrphanFence(ops, startedAtStoreMillis);
  }

  /** The objects this commit names, checked against orphan removal's horizon before each swap. */
  OrphanFence fence() {
    return fence;
  }

  /**
   * Starts writing a log record the commit will name, overlapping with the metadata write of the first
   * attempt; every attempt waits for it before its pointer swap.
   */
  String writeLogRecord(LogRecord record, TableMetadata base) {
    TableLog.PendingWrite write = ops.log().writeLogRecordAsync(record, base, BACKGROUND);
    pending.add(write);
    fence.ownObject(write.location());
    return write.location();
  }

  private void awaitPendingWrites() {
    for (TableLog.PendingWrite write : pending) {
      write.await();
    }
  }

  String commitId() {
    return commitId;
  }

  /**
   * The commit time of the version after {@code base}: this machine's clock held within
   * {@link #STORE_CLOCK_SLACK_MILLIS} of the store's, and at least 1 ms after the base. Times increase along
   * the chain, and a writer whose clock runs hours ahead cannot date a commit into the future, where a read
   * "as of now" would not see it.
   */
  static long nextTimestamp(TableState base) {
    long store = base.pointer().storeNowMillis();
    long wall = Math.max(store - STORE_CLOCK_SLACK_MILLIS,
        Math.min(System.currentTimeMillis(), store + STORE_CLOCK_SLACK_MILLIS));
    return Math.max(wall, base.metadata().lastUpdatedMillis() + 1);
  }

  /** A builder for the version after {@code base}, with version, time, commit id and parent filled in. */
  TableMetadata.Builder nextVersion(TableState base, String operation, long timestampMillis) {
    TableMetadata m = base.metadata();
    return m.toBuilder()
        .version(m.version() + 1)
        .lastUpdatedMillis(timestampMillis)
        .commitId(commitId)
        .operation(operation)
        .parentMetadata(base.metadataLocation())
        .logRecord(null)
        .history(HistoryIndex.advance(ops.log(), m, base.metadataLocation(),
            CommitRetryPolicy.historyLeafSize(m.properties(), ops.catalogProperties())));
  }

  /** The result of a commit found in the chain after an unknown outcome: its new main or branch snapshot. */
  private Snapshot landedResult(TableMetadata landed) {
    return landed.branches().values().stream().map(b -> b.head())
        .filter(h -> h.commitId().equals(commitId)).findFirst()
        .orElse(landed.currentSnapshot().orElse(null));
  }

  Snapshot commit(String what, Function<TableState, Outcome> apply) {
    TableState first = ops.current();
    boolean[] outcomeWasUnknown = {false};
    return CommitRetrier.run(ops.retryPolicy(), what + " on table " + ops.id(), attempt -> {
      TableState base = attempt == 1 ? first : ops.refresh();
      if (outcomeWasUnknown[0]) {
        Optional<TableMetadata> landed = ops.findCommit(base.metadata(), commitId, first.version());
        if (landed.isPresent()) {
          return landedResult(landed.get());
        }
      }
      Outcome outcome = apply.apply(base);
      if (outcome instanceof AlreadyDone done) {
        return done.snapshot();
      }
      Next next = (Next) outcome;
      fence.check(base);
      try {
        ops.commit(base, next.metadata(), this::awaitPendingWrites);
      } catch (TableOperations.NotAppliedException e) {
        outcomeWasUnknown[0] = true;
        throw e;
      }
      return next.result();
    });
  }
}
