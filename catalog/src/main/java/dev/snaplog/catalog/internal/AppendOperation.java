package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Limits;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.BranchState;
import dev.snaplog.manifest.Checkpoints;
import dev.snaplog.manifest.FileSetState;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableMetadata;
import dev.snaplog.manifest.WriterMark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends data files. The log record is written once; each attempt only writes a new metadata file and swaps
 * the pointer, because an append is valid on top of any newer version.
 */
final class AppendOperation implements AppendFiles {
  private final TableOperations ops;
  private final BaseTable table;
  private final List<DataFile> files = new ArrayList<>();
  /** Files this operation wrote itself (after {@link #startedAt}); the others were written before it began. */
  private final java.util.Set<String> ownFiles = new java.util.HashSet<>();
  /** The store's clock when this operation began, before it wrote anything. */
  private final long startedAt;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private CommitToken token;
  private String branch;
  private boolean committed;

  AppendOperation(TableOperations ops, BaseTable table) {
    this.ops = ops;
    this.table = table;
    this.startedAt = ops.current().pointer().storeNowMillis();
  }

  @Override
  public AppendFiles appendFile(DataFile file) {
    ValidationException.check(DataFile.PARQUET.equals(file.format()), "Table %s: data file %s has format '%s';"
        + " only parquet is supported", ops.id(), file.location(), file.format());
    ValidationException.check(file.recordCount() >= 0 && file.fileSizeBytes() >= 0,
        "Table %s: data file %s has negative counts", ops.id(), file.location());
    checkLocation(file.location());
    files.add(file);
    return this;
  }

  /**
   * A table's maintenance deletes only its own objects, so every file it references must either be its own
   * (in its {@code data/} folder) or lie outside the warehouse, where nothing of Snaplog ever deletes it. A
   * file inside the warehouse but not in this table's data folder belongs to another table (whose expiry
   * would delete it under this one) or is one of this table's log objects: both are refused.
   */
  private void checkLocation(String location) {
    if (ops.locations().ownsDataFile(location)) {
      return;
    }
    String warehouse = ops.storage().objects().resolve(ops.storage().root(), "");
    boolean inWarehouse = location.startsWith(warehouse) || location.equals(ops.storage().root());
    ValidationException.check(!inWarehouse && !location.contains("/../") && !location.contains("/./"),
        "Table %s: data file %s lies in the warehouse but not in this table's data folder %s/data/; a table may"
            + " reference only its own data files or files outside the warehouse. Write it with this table's"
            + " data writer (Table.newDataWriter) or copy it into the table's data folder", ops.id(), location,
        ops.locations().root());
  }

  @Override
  public AppendFiles appendRecords(Iterable<? extends Record> records) {
    try (DataWriter writer = table.newDataWriter()) {
      for (Record r : records) {
        writer.write(r);
      }
      if (writer.recordCount() > 0) {
        DataFile written = writer.complete();
        files.add(written);
        ownFiles.add(written.location());
      }
    }
    return this;
  }

  @Override
  public AppendFiles toBranch(String name) {
    this.branch = ManageRefs.MAIN.equals(name) ? null : name;
    return this;
  }

  @Override
  public AppendFiles set(String key, String value) {
    Map<String, String> next = new LinkedHashMap<>(properties);
    next.put(key, value);
    Limits.checkProperties("summary property", next);
    properties.put(key, value);
    return this;
  }

  @Override
  public AppendFiles commitToken(String commitToken) {
    this.token = CommitToken.parse(commitToken);
    return this;
  }

  @Override
  public Snapshot apply() {
    TableState base = ops.refresh();
    Optional<CommitResult> dup = duplicateOf(base);
    if (dup.isPresent()) {
      return dup.get().snapshot();
    }
    return buildSnapshot(base, parentOf(base), 0L, "(not committed)", Committer.nextTimestamp(base));
  }

  @Override
  public Optional<CommitResult> alreadyCommitted() {
    return duplicateOf(ops.refresh());
  }

  @Override
  public CommitResult commitWithResult() {
    ValidationException.check(!committed, "Table %s: this append was already committed; start a new one",
        ops.id());
    ValidationException.check(!files.isEmpty(), "Table %s: nothing to append; add data files or records first",
        ops.id());
    if (token != null) {
      Optional<CommitResult> dup = duplicateOf(ops.refresh());
      if (dup.isPresent()) {
        committed = true;
        return dup.get();
      }
    }
    Committer committer = new Committer(ops, startedAt);
    for (DataFile f : files) {
      if (ownFiles.contains(f.location())) {
        committer.fence().ownObject(f.location());
      } else {
        committer.fence().foreignObject(f.location());
      }
    }
    TableState first = ops.current();
    parentOf(first); // an unknown branch fails before anything is written
    String logRecord = committer.writeLogRecord(
        new LogRecord(committer.commitId(), first.metadata().currentSchemaId(), files, List.of()),
        first.metadata());
    int interval = CommitRetryPolicy.checkpointInterval(first.metadata().properties(), ops.catalogProperties());
    int maxWriters = CommitRetryPolicy.maxWriterMarks(first.metadata().properties(), ops.catalogProperties());
    CommitResult[] duplicate = {null};
    Snapshot result = committer.commit("append", base -> {
      Optional<CommitResult> dup = duplicateOf(base);
      if (dup.isPresent()) {
        duplicate[0] = dup.get();
        return new Committer.AlreadyDone(dup.get().snapshot());
      }
      duplicate[0] = null;
      long ts = Committer.nextTimestamp(base);
      long snapshotId = SnapshotIds.newId(base.version() + 1);
      Snapshot snapshot = buildSnapshot(base, parentOf(base), snapshotId, committer.commitId(), ts);
      TableMetadata.Builder next = committer.nextVersion(base, "append", ts).logRecord(logRecord);
      if (token != null) {
        next.writers(WriterMarks.record(base.metadata().writers(), token.writer(),
            new WriterMark(token.sequence(), snapshotId), maxWriters));
      }
      if (branch == null) {
        next.currentSnapshot(snapshot).fileSet(base.metadata().fileSet().plus(logRecord));
        return new Committer.Next(Checkpoints.maybeCheckpoint(ops.log(), next.build(), interval), snapshot);
      }
      TableMetadata draft = next.build();
      FileSetState fileSet = Checkpoints.maybeCheckpoint(ops.log(), draft,
          base.metadata().branches().get(branch).fileSet().plus(logRecord), interval);
      Map<String, BranchState> branches = new HashMap<>(draft.branches());
      branches.put(branch, new BranchState(snapshot, fileSet));
      return new Committer.Next(draft.toBuilder().branches(branches).build(), snapshot);
    });
    committed = true;
    // A token found committed is our own commit when it carries our commit id: a lost response settled later.
    if (duplicate[0] != null && !result.commitId().equals(committer.commitId())) {
      return duplicate[0];
    }
    return CommitResult.committed(result);
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
    } catch (dev.snaplog.core.exceptions.NoSuchSnapshotException e) {
      holder = base.metadata().currentSnapshot().orElseThrow(); // the holder expired; the work is committed
    }
    return Optional.of(CommitResult.duplicateOf(holder, matched));
  }

  /** The head the new snapshot builds on: main's current snapshot, or the branch head. */
  private Optional<Snapshot> parentOf(TableState base) {
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

  private Snapshot buildSnapshot(TableState base, Optional<Snapshot> parent, long snapshotId, String commitId,
      long ts) {
    TableMetadata m = base.metadata();
    long addedRecords = files.stream().mapToLong(DataFile::recordCount).sum();
    long addedBytes = files.stream().mapToLong(DataFile::fileSizeBytes).sum();
    Map<String, String> summary = new HashMap<>(properties);
    summary.put(Snapshot.ADDED_FILES, String.valueOf(files.size()));
    summary.put(Snapshot.ADDED_RECORDS, String.valueOf(addedRecords));
    summary.put(Snapshot.ADDED_BYTES, String.valueOf(addedBytes));
    summary.put(Snapshot.TOTAL_FILES, String.valueOf(total(parent, Snapshot.TOTAL_FILES) + files.size()));
    summary.put(Snapshot.TOTAL_RECORDS, String.valueOf(total(parent, Snapshot.TOTAL_RECORDS) + addedRecords));
    summary.put(Snapshot.TOTAL_BYTES, String.valueOf(total(parent, Snapshot.TOTAL_BYTES) + addedBytes));
    if (token != null) {
      summary.put(Snapshot.COMMIT_TOKEN, token.toString());
    }
    return new Snapshot(snapshotId, parent.map(Snapshot::snapshotId), m.version() + 1, ts, "append", commitId,
        m.currentSchemaId(), summary);
  }

  private static long total(Optional<Snapshot> parent, String key) {
    return parent.map(p -> p.summaryLong(key)).orElse(0L);
  }
}
