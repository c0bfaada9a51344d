package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.manifest.BranchState;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.TableLog;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One commit that landed after a change read the table, as a conflict validator sees it: which ref it moved,
 * and the data files it added and removed there. A file restated with a new deletion vector appears in both
 * lists. A rollback or fast-forward replaces the ref's whole file set ({@code replacedFileSet}).
 *
 * @param changedLayout whether it changed the current schema, the default partition spec or the sort order
 * @param ref the ref whose head this commit moved ({@code null} for main); versions that move no head
 *     (tags, expiry, orphan horizons) have {@code movedHead} false
 */
record ConcurrentCommit(long version, String operation, String ref, boolean movedHead, List<DataFile> added,
                        List<String> removed, boolean replacedFileSet, boolean changedLayout) {

  /** Whether this commit changed the data of {@code ref} ({@code null}: main). */
  boolean changes(String branch) {
    return movedHead && Objects.equals(ref, branch);
  }

  /**
   * The commits after {@code readVersion} up to and including {@code head}, oldest first. Walks the parent
   * chain, so it reads one metadata file (and at most one log record) per version in between.
   */
  static List<ConcurrentCommit> between(TableLog log, long readVersion, TableMetadata head) {
    List<ConcurrentCommit> out = new ArrayList<>();
    TableMetadata m = head;
    while (m.version() > readVersion && m.parentMetadata().isPresent()) {
      TableMetadata parent = log.readMetadata(m.parentMetadata().get());
      out.add(of(log, parent, m));
      m = parent;
    }
    Collections.reverse(out);
    return out;
  }

  private static ConcurrentCommit of(TableLog log, TableMetadata parent, TableMetadata m) {
    String ref = null;
    boolean moved = !headId(m.currentSnapshot()).equals(headId(parent.currentSnapshot()));
    boolean replaced = moved && !m.fileSet().equals(parent.fileSet()) && m.logRecord().isEmpty();
    if (!moved) {
      for (var e : m.branches().entrySet()) {
        BranchState before = parent.branches().get(e.getKey());
        if (before == null || before.head().snapshotId() != e.getValue().head().snapshotId()) {
          ref = e.getKey();
          moved = before != null; // a new branch changes no data anyone read
          break;
        }
      }
    }
    List<DataFile> added = List.of();
    List<String> removed = List.of();
    if (moved && m.logRecord().isPresent()) {
      LogRecord r = log.readLogRecord(m.logRecord().get(), m);
      added = r.added();
      removed = r.removed();
    }
    boolean layout = m.currentSchemaId() != parent.currentSchemaId() || m.defaultSpecId() != parent.defaultSpecId()
        || !m.partitionSpecs().equals(parent.partitionSpecs()) || m.defaultSortOrderId() != parent.defaultSortOrderId()
        || !m.sortOrders().equals(parent.sortOrders());
    return new ConcurrentCommit(m.version(), m.operation(), ref, moved, added, removed, replaced, layout);
  }

  private static Long headId(Optional<dev.snaplog.core.Snapshot> s) {
    return s.map(dev.snaplog.core.Snapshot::snapshotId).orElse(0L);
  }
}
