package dev.snaplog.catalog.internal;

import dev.snaplog.core.Rollback;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.TableMetadata;
import java.time.Instant;

/**
 * Makes an earlier snapshot current by committing a version that names it and its file set. No data or log
 * record is written: the target's checkpoint and log tail already describe its files.
 */
final class RollbackOperation implements Rollback {
  private final TableOperations ops;
  private Long snapshotId;
  private Instant time;

  RollbackOperation(TableOperations ops) {
    this.ops = ops;
  }

  @Override
  public Rollback toSnapshot(long id) {
    this.snapshotId = id;
    this.time = null;
    return this;
  }

  @Override
  public Rollback toTime(Instant t) {
    this.time = t;
    this.snapshotId = null;
    return this;
  }

  @Override
  public Snapshot apply() {
    return target(ops.refresh().metadata()).snapshot();
  }

  @Override
  public Snapshot commit() {
    Committer committer = new Committer(ops);
    return committer.commit("rollback", base -> {
      SnapshotState target = target(base.metadata());
      Snapshot snapshot = target.snapshot();
      if (base.metadata().currentSnapshot().map(s -> s.snapshotId() == snapshot.snapshotId()).orElse(false)) {
        return new Committer.AlreadyDone(snapshot);
      }
      long ts = Committer.nextTimestamp(base);
      return new Committer.Next(committer.nextVersion(base, "rollback", ts)
          .currentSnapshot(snapshot)
          .fileSet(target.fileSet())
          .build());
    });
  }

  private SnapshotState target(TableMetadata head) {
    if (snapshotId != null) {
      return SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    }
    if (time != null) {
      return SnapshotLookup.asOf(ops, head, time);
    }
    throw new ValidationException("Rollback of table " + ops.id() + " needs a target: call toSnapshot(id) or"
        + " toTime(instant)");
  }
}
