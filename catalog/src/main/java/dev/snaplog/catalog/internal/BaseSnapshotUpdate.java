package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Limits;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.BranchState;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableMetadata;
import dev.snaplog.manifest.WriterMark;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What every snapshot-producing operation shares: summary properties, the commit token, the target branch,
 * the isolation level, and the commit itself. An operation computes its {@link FileChanges} once from the
 * version it reads (writing any data or deletion-vector objects then); the change is written as one log
 * record and committed through {@link Committer}, which validates it against concurrent commits with the
 * operation's {@link ConflictValidator} and applies it on top of whatever version it lands on.
 *
 * @param <ThisT> the operation's public interface
 */
abstract class BaseSnapshotUpdate<ThisT> implements SnapshotUpdate<ThisT> {
  protected final TableOperations ops;
  /** The store's clock when this operation began, before it wrote anything. */
  protected final long startedAt;
  /** Files this operation wrote itself (after {@link #startedAt}); others were written before it began. */
  private final Set<String> ownObjects = new HashSet<>();
  private final Map<String, String> properties = new LinkedHashMap<>();
  private CommitToken token;
  private String branch;
  private IsolationLevel isolation;
  private boolean committed;

  BaseSnapshotUpdate(TableOperations ops) {
    this.ops = ops;
    this.startedAt = ops.current().pointer().storeNowMillis();
  }

  /** This operation as its public interface. */
  protected abstract ThisT self();

  /** The operation name recorded in the snapshot and the log ({@code append}, {@code delete}...). */
  protected abstract String operation();

  /**
   * The change against {@code read}. With {@code dryRun} nothing is written; otherwise the objects the change
   * names that this operation writes are written now and reported through {@link #ownObject}.
   */
  protected abstract FileChanges changes(TableState read, boolean dryRun);

  /** How this change is checked against a commit that landed after {@code read}. */
  protected ConflictValidator validator(TableState read, FileChanges changes, IsolationLevel level) {
    return ConflictValidator.NONE;
  }

  /**
   * The change as it applies on top of {@code base}, a version after the one it read that passed validation.
   * Returns {@code changes} itself when nothing differs (the usual case); an operation whose deletion vectors
   * must merge with ones committed meanwhile returns restated entries (and writes their vectors).
   */
  protected FileChanges rebase(FileChanges changes, TableState base) {
    return changes;
  }

  /** Records an object this operation wrote, after it began. */
  protected void ownObject(String location) {
    ownObjects.add(location);
  }

  @Override
  public ThisT set(String key, String value) {
    Map<String, String> next = new LinkedHashMap<>(properties);
    next.put(key, value);
    Limits.checkProperties("summary property", next);
    properties.put(key, value);
    return self();
  }

  @Override
  public ThisT commitToken(String commitToken) {
    this.token = CommitToken.parse(commitToken);
    return self();
  }

  @Override
  public ThisT toBranch(String name) {
    this.branch = ManageRefs.MAIN.equals(name) ? null : name;
    return self();
  }

  @Override
  public ThisT isolationLevel(IsolationLevel level) {
    this.isolation = level;
    return self();
  }

  protected String branch() {
    return branch;
  }

  private IsolationLevel isolation(TableState read) {
    return isolation != null ? isolation
        : TableProperties.isolationLevel(read.metadata().properties(), ops.catalogProperties());
  }

  @Override
  public Snapshot apply() {
    TableState base = ops.refresh();
    Optional<CommitResult> dup = duplicateOf(base);
    if (dup.isPresent()) {
      return dup.get().snapshot();
    }
    FileChanges changes = changes(base, true);
    return buildSnapshot(base, parentOf(base), 0L, "(not committed)", Committer.nextTimestamp(base), changes);
  }

  @Override
  public Optional<CommitResult> alreadyCommitted() {
    return duplicateOf(ops.refresh());
  }

  @Override
  public CommitResult commitWithResult() {
    ValidationException.check(!committed, "Table %s: this %s was already committed; start a new one", ops.id(),
        operation());
    if (token != null) {
      Optional<CommitResult> dup = duplicateOf(ops.refresh());
      if (dup.isPresent()) {
        committed = true;
        return dup.get();
      }
    }
    TableState read = ops.current();
    parentOf(read); // an unknown branch fails before anything is written
    FileChanges first = changes(read, false);
    if (first.isEmpty()) {
      committed = true; // nothing matched: nothing to commit, the table stays as it is
      return CommitResult.committed(parentOf(read).orElseThrow());
    }
    Committer committer = new Committer(ops, startedAt);
    int maxWriters = CommitRetryPolicy.maxWriterMarks(read.metadata().properties(), ops.catalogProperties());
    FileChanges[] current = {first};
    String[] logRecord = {writeLogRecord(committer, read, first)};
    CommitResult[] duplicate = {null};
    Snapshot result = committer.commit(operation(), read, validator(read, first, isolation(read)), base -> {
      Optional<CommitResult> dup = duplicateOf(base);
      if (dup.isPresent()) {
        duplicate[0] = dup.get();
        return new Committer.AlreadyDone(dup.get().snapshot());
      }
      duplicate[0] = null;
      FileChanges rebased = base.version() == read.version() ? current[0] : rebase(current[0], base);
      if (rebased != current[0]) {
        current[0] = rebased;
        logRecord[0] = writeLogRecord(committer, base, rebased);
      }
      long ts = Committer.nextTimestamp(base);
      long snapshotId = SnapshotIds.newId(base.version() + 1);
      Snapshot snapshot = buildSnapshot(base, parentOf(base), snapshotId, committer.commitId(), ts, rebased);
      TableMetadata.Builder next = committer.nextVersion(base, operation(), ts).logRecord(logRecord[0]);
      if (token != null) {
        next.writers(WriterMarks.record(base.metadata().writers(), token.writer(),
            new WriterMark(token.sequence(), snapshotId), maxWriters));
      }
      if (branch == null) {
        return new Committer.Next(next.currentSnapshot(snapshot)
            .fileSet(base.metadata().fileSet().plus(logRecord[0], base.version() + 1)).build(), snapshot);
      }
      Map<String, BranchState> branches = new HashMap<>(base.metadata().branches());
      branches.put(branch, new BranchState(snapshot, branches.get(branch).fileSet().plus(logRecord[0], base.version() + 1)));
      return new Committer.Next(next.branches(branches).build(), snapshot);
    });
    committed = true;
    // A token found committed is our own commit when it carries our commit id: a lost response settled later.
    if (duplicate[0] != null && !result.commitId().equals(committer.commitId())) {
      return duplicate[0];
    }
    return CommitResult.committed(result);
  }

  /** Registers the change's objects with the orphan fence, then starts writing its log record. */
  private String writeLogRecord(Committer committer, TableState base, FileChanges changes) {
    for (DataFile f : changes.added()) {
      register(committer, f.location());
      f.deletionVector().ifPresent(dv -> register(committer, dv.location()));
    }
    return committer.writeLogRecord(new LogRecord(committer.commitId(), base.metadata().currentSchemaId(),
        changes.added(), changes.removedLocations()), base.metadata());
  }

  private void register(Committer committer, String location) {
    if (ownObjects.contains(location)) {
      committer.fence().ownObject(location);
    } else {
      committer.fence().foreignObject(location);
    }
  }

  /**
   * The commit holding this operation's token, when the token's writer has committed this sequence or a
   * later one: sequences only grow, so that work is in the table. Says which token matched.
   */
  private Optional<CommitResult> duplicateOf(TableState base) {
    if (token == null) {
      return Optional.empty();
    }
    WriterMark mark = base.metadata().writers().get(token.writer());
    if (mark == null || token.sequence() > mark.sequence()) {
      return Optional.empty();
    }
    String matched = token.writer() + ":" + mark.sequence();
    Snapshot holder;
    try {
      holder = SnapshotLookup.bySnapshotId(ops, base.metadata(), mark.snapshotId()).snapshot();
    } catch (NoSuchSnapshotException e) {
      holder = base.metadata().currentSnapshot().orElseThrow(); // the holder expired; the work is committed
    }
    return Optional.of(CommitResult.duplicateOf(holder, matched));
  }

  /** The head the new snapshot builds on: main's current snapshot, or the branch head. */
  protected Optional<Snapshot> parentOf(TableState base) {
    if (branch == null) {
      return base.metadata().currentSnapshot();
    }
    BranchState b = base.metadata().branches().get(branch);
    if (b == null) {
      throw new ValidationException("Table " + ops.id() + " has no branch '" + branch + "'; create it with"
          + " manageRefs().createBranch(name, snapshotId)", ops.id().toString(), base.version());
    }
    return Optional.of(b.head());
  }

  /** The file set the change applies to: main's or the branch's. */
  protected SnapshotState target(TableState base) {
    if (branch == null) {
      return SnapshotState.main(base.metadata());
    }
    parentOf(base);
    return SnapshotLookup.byBranch(ops, base.metadata(), branch);
  }

  private Snapshot buildSnapshot(TableState base, Optional<Snapshot> parent, long snapshotId, String commitId,
      long ts, FileChanges c) {
    TableMetadata m = base.metadata();
    Map<String, String> summary = new HashMap<>(properties);
    summary.put(Snapshot.ADDED_FILES, String.valueOf(c.addedFiles()));
    summary.put(Snapshot.ADDED_RECORDS, String.valueOf(c.addedRecords()));
    summary.put(Snapshot.ADDED_BYTES, String.valueOf(c.addedBytes()));
    if (!c.removed().isEmpty()) {
      summary.put(Snapshot.REMOVED_FILES, String.valueOf(c.removedFiles()));
      summary.put(Snapshot.REMOVED_RECORDS, String.valueOf(c.removedRecords()));
      summary.put(Snapshot.REMOVED_BYTES, String.valueOf(c.removedBytes()));
    }
    summary.put(Snapshot.TOTAL_FILES,
        String.valueOf(total(parent, Snapshot.TOTAL_FILES) + c.addedFiles() - c.removedFiles()));
    summary.put(Snapshot.TOTAL_RECORDS,
        String.valueOf(total(parent, Snapshot.TOTAL_RECORDS) + c.addedRecords() - c.removedRecords()));
    summary.put(Snapshot.TOTAL_BYTES,
        String.valueOf(total(parent, Snapshot.TOTAL_BYTES) + c.addedBytes() - c.removedBytes()));
    if (token != null) {
      summary.put(Snapshot.COMMIT_TOKEN, token.toString());
    }
    return new Snapshot(snapshotId, parent.map(Snapshot::snapshotId), m.version() + 1, ts, operation(), commitId,
        m.currentSchemaId(), summary);
  }

  private static long total(Optional<Snapshot> parent, String key) {
    return parent.map(p -> p.summaryLong(key)).orElse(0L);
  }
}
