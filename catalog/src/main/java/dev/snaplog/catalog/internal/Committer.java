package dev.snaplog.catalog.internal;

import dev.snaplog.core.Snapshot;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.TableMetadata;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one logical change through the commit protocol: apply it to the newest version, commit, and on a lost
 * race reload and apply again. The commit id stays the same across attempts, so an attempt whose response
 * was lost is recognised if it landed after all, and the change never lands twice.
 */
final class Committer {
  /** What applying a change to a base version produced. */
  interface Outcome {}

  /** Commit this metadata as the next version. */
  record Next(TableMetadata metadata) implements Outcome {}

  /** Nothing to commit; the result is already in the table. */
  record AlreadyDone(Snapshot snapshot) implements Outcome {}

  private final TableOperations ops;
  private final String commitId = UUID.randomUUID().toString();

  Committer(TableOperations ops) {
    this.ops = ops;
  }

  String commitId() {
    return commitId;
  }

  /**
   * The commit time of the version after {@code base}: the wall clock, but at least 1 ms after the base, so
   * times increase along the chain even when writers' clocks disagree.
   */
  static long nextTimestamp(TableState base) {
    return Math.max(System.currentTimeMillis(), base.metadata().lastUpdatedMillis() + 1);
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
        .history(HistoryIndex.advance(ops.log(), m, base.metadataLocation(), HistoryIndex.DEFAULT_LEAF_SIZE));
  }

  Snapshot commit(String what, Function<TableState, Outcome> apply) {
    TableState first = ops.current();
    boolean[] outcomeWasUnknown = {false};
    return CommitRetrier.run(ops.retryPolicy(), what + " on table " + ops.id(), attempt -> {
      TableState base = attempt == 1 ? first : ops.refresh();
      if (outcomeWasUnknown[0]) {
        Optional<TableMetadata> landed = ops.findCommit(base.metadata(), commitId, first.version());
        if (landed.isPresent()) {
          return landed.get().currentSnapshot().orElseThrow();
        }
      }
      Outcome outcome = apply.apply(base);
      if (outcome instanceof AlreadyDone done) {
        return done.snapshot();
      }
      TableMetadata next = ((Next) outcome).metadata();
      try {
        ops.commit(base, next);
      } catch (TableOperations.NotAppliedException e) {
        outcomeWasUnknown[0] = true;
        throw e;
      }
      return next.currentSnapshot().orElseThrow();
    });
  }
}
