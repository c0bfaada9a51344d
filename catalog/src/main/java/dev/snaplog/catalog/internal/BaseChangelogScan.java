package dev.snaplog.catalog.internal;

import dev.snaplog.core.ChangeKind;
import dev.snaplog.core.ChangelogScan;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.RowChange;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the parent chain from the end snapshot back to the start, then replays the log records of the snapshots
 * in between, oldest first, over the start's live file set: each record says which locations a snapshot
 * touched, and the file entries before and after it say which rows changed (see {@link ChangedRows}).
 */
final class BaseChangelogScan implements ChangelogScan {
  private final TableOperations ops;
  private final TableMetadata head;
  private final Long from;
  private final Long to;

  BaseChangelogScan(TableOperations ops, TableMetadata head, Long from, Long to) {
    this.ops = ops;
    this.head = head;
    this.from = from;
    this.to = to;
  }

  @Override
  public ChangelogScan fromSnapshot(long snapshotId) {
    SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    return new BaseChangelogScan(ops, head, snapshotId, to);
  }

  @Override
  public ChangelogScan toSnapshot(long snapshotId) {
    SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    return new BaseChangelogScan(ops, head, from, snapshotId);
  }

  @Override
  public CloseableIterable<RowChange> changes() {
    Long end = to != null ? to : head.currentSnapshot().map(Snapshot::snapshotId).orElse(null);
    if (end == null) {
      ValidationException.check(from == null, "Table %s has no snapshot yet, so none comes after %s", ops.id(),
          from);
      return CloseableIterable.of(List.of());
    }
    try {
      SnapshotState endState = SnapshotLookup.bySnapshotId(ops, head, end);
      Schema schema = endState.context().schemaById(endState.snapshot().schemaId());
      List<Snapshot> chain = chain(endState.snapshot());
      return new ChangedRows(ops, schema).read(plan(chain));
    } catch (CorruptTableException e) {
      throw ops.withTable(e);
    }
  }

  /** The snapshots after the start up to the end, oldest first. */
  private List<Snapshot> chain(Snapshot end) {
    Snapshot start = from == null ? null : SnapshotLookup.bySnapshotId(ops, head, from).snapshot();
    List<Snapshot> out = new ArrayList<>();
    Snapshot s = end;
    while (start == null || s.snapshotId() != start.snapshotId()) {
      if (start != null && s.sequenceNumber() <= start.sequenceNumber()) {
        throw notAncestor(start, end);
      }
      out.add(s);
      if (s.parentId().isEmpty()) {
        if (start != null) {
          throw notAncestor(start, end);
        }
        break;
      }
      s = SnapshotLookup.bySnapshotId(ops, head, s.parentId().get()).snapshot();
    }
    Collections.reverse(out);
    return out;
  }

  private ValidationException notAncestor(Snapshot start, Snapshot end) {
    return new ValidationException("Table " + ops.id() + ": snapshot " + start.snapshotId() + " is not an ancestor"
        + " of snapshot " + end.snapshotId() + " (a rollback lies between them), so no chain of changes leads from"
        + " one to the other; pick a start on the end's history ('snaplog log " + ops.id() + "'), or compare the"
        + " two with 'snaplog diff'", ops.id().toString(), head.version());
  }

  /** The row-level reads each snapshot's change needs, in order. */
  private List<ChangedRows.SnapshotChanges> plan(List<Snapshot> chain) {
    Map<String, DataFile> live = new LinkedHashMap<>();
    if (from != null) {
      SnapshotState start = SnapshotLookup.bySnapshotId(ops, head, from);
      ops.log().liveFiles(start.context(), start.fileSet(), part -> true).forEach(f -> live.put(f.location(), f));
    }
    List<ChangedRows.SnapshotChanges> parts = new ArrayList<>();
    for (Snapshot s : chain) {
      Map<String, Optional<DataFile>> after = touched(s, live);
      Map<String, DataFile> before = new HashMap<>();
      after.keySet().forEach(loc -> before.put(loc, live.get(loc)));
      after.forEach((loc, f) -> {
        if (f.isPresent()) {
          live.put(loc, f.get());
        } else {
          live.remove(loc);
        }
      });
      if (RewriteOperation.OPERATION.equals(s.operation())) {
        continue; // a compaction moves rows; the files before and after hold the same rows
      }
      List<ChangedRows.FileRows> deletes = new ArrayList<>();
      List<ChangedRows.FileRows> inserts = new ArrayList<>();
      for (Map.Entry<String, Optional<DataFile>> e : after.entrySet()) {
        DataFile was = before.get(e.getKey());
        DataFile is = e.getValue().orElse(null);
        if (was != null && is == null) {
          deletes.add(ChangedRows.FileRows.liveRows(ChangeKind.DELETE, s.snapshotId(), was));
        } else if (was == null && is != null) {
          inserts.add(ChangedRows.FileRows.liveRows(ChangeKind.INSERT, s.snapshotId(), is));
        } else if (was != null && !Objects.equals(was.deletionVector(), is.deletionVector())) {
          deletes.add(ChangedRows.FileRows.deletedBetween(ChangeKind.DELETE, s.snapshotId(), is, was));
          inserts.add(ChangedRows.FileRows.deletedBetween(ChangeKind.INSERT, s.snapshotId(), was, is));
        }
      }
      boolean carryOver = deletes.stream().anyMatch(ChangedRows.FileRows::wholeFile)
          && inserts.stream().anyMatch(ChangedRows.FileRows::wholeFile);
      parts.add(new ChangedRows.SnapshotChanges(s.snapshotId(), deletes, inserts, carryOver));
    }
    return parts;
  }

  /**
   * The entries of the locations snapshot {@code s} touched, as they are after it (empty: the file left the
   * table), from its log record; from its whole file set when its version names no log record.
   */
  private Map<String, Optional<DataFile>> touched(Snapshot s, Map<String, DataFile> live) {
    TableMetadata m = SnapshotLookup.byVersion(ops, head, s.sequenceNumber()).orElseThrow(() ->
        new dev.snaplog.core.exceptions.NoSuchSnapshotException("Table " + ops.id() + ": the version that"
            + " committed snapshot " + s.snapshotId() + " has expired, so its changes are gone",
            ops.id().toString()));
    Map<String, Optional<DataFile>> out = new LinkedHashMap<>();
    if (m.logRecord().isPresent()) {
      LogRecord r = ops.log().readLogRecord(m.logRecord().get(), m);
      r.removed().forEach(loc -> out.put(loc, Optional.empty()));
      r.added().forEach(f -> out.put(f.location(), Optional.of(f)));
      return out;
    }
    SnapshotState state = SnapshotLookup.bySnapshotId(ops, head, s.snapshotId());
    Map<String, DataFile> now = new HashMap<>();
    ops.log().liveFiles(state.context(), state.fileSet(), part -> true).forEach(f -> now.put(f.location(), f));
    Set<String> locations = new LinkedHashSet<>(live.keySet());
    locations.addAll(now.keySet());
    for (String loc : locations) {
      DataFile was = live.get(loc);
      DataFile is = now.get(loc);
      if (was == null || is == null || !Objects.equals(was.deletionVector(), is.deletionVector())) {
        out.put(loc, Optional.ofNullable(is));
      }
    }
    return out;
  }
}
