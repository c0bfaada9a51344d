package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.Snapshot;
import dev.snaplog.manifest.BranchState;
import dev.snaplog.manifest.Checkpoints;
import dev.snaplog.manifest.FileSetState;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableLog;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one logical change through the commit protocol: apply it to the newest version, commit, and on a lost
 * race reload, validate the change against the commits that landed meanwhile, and apply it again. The commit
 * id stays the same across attempts, so an attempt whose response was lost is recognised if it landed after
 * all, and the change never lands twice.
 *
 * <p>The apply step is pure: it computes the next metadata from a base and writes nothing (objects a change
 * needs, such as its log record, are written once before the first attempt and reused). The objects that
 * depend on the base (a checkpoint when the log tail is full, a history leaf when the history tail is) are
 * written here, after apply and before the swap.
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
   * How far a commit time may stray from the store's clock. S3 reports its clock in whole seconds, stamped before
   * the response travels, so the store's clock as seen here lags by up to a second plus the request's time; the
   * writer's own clock is used when it agrees with the store's within this, and the store's clock otherwise. With
   * one second, a slow swap response was enough to date a commit before the moment its writer started it.
   */
  static final long STORE_CLOCK_SLACK_MILLIS = 2_000;

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
    TableLog.PendingWrite write = ops.log().writeLogRecordAsync(record, base, BackgroundWrites.POOL);
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
        .history(HistoryIndex.advance(m, base.metadataLocation()));
  }

  /**
   * Writes what {@code next} needs that depends on its base: the history leaf when the history tail is full,
   * and a checkpoint of each file set (main's, a branch's) whose log tail reached the checkpoint interval.
   */
  private TableMetadata stage(TableState base, TableMetadata next) {
    TableMetadata m = base.metadata();
    int leafSize = CommitRetryPolicy.historyLeafSize(next.properties(), ops.catalogProperties());
    int interval = CommitRetryPolicy.checkpointInterval(next.properties(), ops.catalogProperties());
    TableMetadata.Builder staged = next.toBuilder()
        .history(HistoryIndex.flushIfFull(ops.log(), next.history(), m.version(), leafSize));
    if (!next.fileSet().equals(m.fileSet())) {
      staged.fileSet(Checkpoints.maybeCheckpoint(ops.log(), next, next.fileSet(), interval));
    }
    Map<String, BranchState> branches = new HashMap<>(next.branches());
    boolean branchChanged = false;
    for (Map.Entry<String, BranchState> e : next.branches().entrySet()) {
      BranchState before = m.branches().get(e.getKey());
      if (before != null && !before.fileSet().equals(e.getValue().fileSet())) {
        FileSetState checkpointed = Checkpoints.maybeCheckpoint(ops.log(), next, e.getValue().fileSet(), interval);
        branches.put(e.getKey(), new BranchState(e.getValue().head(), checkpointed));
        branchChanged = true;
      }
    }
    return branchChanged ? staged.branches(branches).build() : staged.build();
  }

  /**
   * The commits after {@code readVersion} up to {@code base}. If expiry removed some of them meanwhile, the
   * change cannot be validated against what they did, so it conflicts rather than guesses.
   */
  private List<ConcurrentCommit> concurrentCommits(long readVersion, TableState base) {
    try {
      return ConcurrentCommit.between(ops.log(), readVersion, base.metadata());
    } catch (dev.snaplog.core.exceptions.CorruptTableException e) {
      throw new dev.snaplog.core.exceptions.CommitConflictException("Table " + ops.id() + ": the versions"
          + " committed after version " + readVersion + ", which this change read, were expired before it could"
          + " check them (" + e.getMessage() + "); nothing was committed. Run the change again", ops.id().toString(),
          readVersion, base.version(), null);
    }
  }

  /** The result of a commit found in the chain after an unknown outcome: its new main or branch snapshot. */
  private Snapshot landedResult(TableMetadata landed) {
    return landed.branches().values().stream().map(b -> b.head())
        .filter(h -> h.commitId().equals(commitId)).findFirst()
        .orElse(landed.currentSnapshot().orElse(null));
  }

  /** Commits a change that holds on top of any newer version (appends, metadata-only changes). */
  Snapshot commit(String what, Function<TableState, Outcome> apply) {
    return commit(what, ops.current(), ConflictValidator.NONE, apply);
  }

  /**
   * Commits a change computed from {@code read}. Before each attempt on a newer base, every commit that
   * landed since the last one validated (from {@code read} on) goes through {@code validator}, which throws
   * {@link dev.snaplog.core.exceptions.CommitConflictException} on a real conflict; that is never retried.
   */
  Snapshot commit(String what, TableState read, ConflictValidator validator, Function<TableState, Outcome> apply) {
    TableState first = ops.current();
    boolean[] outcomeWasUnknown = {false};
    long[] validatedUpTo = {read.version()};
    return CommitRetrier.run(ops.retryPolicy(), what + " on table " + ops.id(), attempt -> {
      TableState base = attempt == 1 ? first : ops.refresh();
      if (outcomeWasUnknown[0]) {
        Optional<TableMetadata> landed = ops.findCommit(base.metadata(), commitId, first.version());
        if (landed.isPresent()) {
          return landedResult(landed.get());
        }
      }
      if (base.version() > validatedUpTo[0] && validator != ConflictValidator.NONE) {
        for (ConcurrentCommit c : concurrentCommits(validatedUpTo[0], base)) {
          validator.validate(c);
        }
        validatedUpTo[0] = base.version();
      }
      Outcome outcome = apply.apply(base);
      if (outcome instanceof AlreadyDone done) {
        return done.snapshot();
      }
      Next next = (Next) outcome;
      fence.check(base);
      try {
        ops.commit(base, stage(base, next.metadata()), this::awaitPendingWrites);
      } catch (TableOperations.NotAppliedException e) {
        // only a swap that found the pointer unchanged can land later; walking the chain for one that cannot
        // would read versions that a concurrent expiry may already have deleted
        outcomeWasUnknown[0] |= e.mayLandLater();
        throw e;
      }
      return next.result();
    });
  }
}
