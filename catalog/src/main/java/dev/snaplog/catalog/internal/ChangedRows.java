package dev.snaplog.catalog.internal;

import dev.snaplog.core.ChangeKind;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Record;
import dev.snaplog.core.RowChange;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.manifest.DeletionVectors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/** Reads the rows a changelog names from their data files, one file open at a time. */
final class ChangedRows {
  private final TableOperations ops;
  private final Schema schema;

  ChangedRows(TableOperations ops, Schema schema) {
    this.ops = ops;
    this.schema = schema;
  }

  /**
   * Rows of one data file that one snapshot inserted or deleted: the positions of {@code within}'s deletion
   * vector ({@code null}: every position) that {@code excluding}'s deletion vector does not hold.
   */
  record FileRows(ChangeKind kind, long snapshotId, DataFile file, DataFile within, DataFile excluding) {
    /** The rows of {@code file} its own deletion vector leaves live. */
    static FileRows liveRows(ChangeKind kind, long snapshotId, DataFile file) {
      return new FileRows(kind, snapshotId, file, null, file);
    }

    /** The rows {@code newer}'s deletion vector deletes and {@code older}'s (same file) does not. */
    static FileRows deletedBetween(ChangeKind kind, long snapshotId, DataFile newer, DataFile older) {
      return new FileRows(kind, snapshotId, newer, newer, older);
    }

    boolean wholeFile() {
      return within == null;
    }
  }

  /**
   * The changes of one snapshot. With {@code carryOver} (it dropped whole files and added new ones, as a
   * copy-on-write delete or an overwrite does) rows it deleted and inserted unchanged are left out: they were
   * copied, not changed.
   */
  record SnapshotChanges(long snapshotId, List<FileRows> deletes, List<FileRows> inserts, boolean carryOver) {
    List<FileRows> all() {
      List<FileRows> out = new ArrayList<>(deletes);
      out.addAll(inserts);
      return out;
    }
  }

  CloseableIterable<RowChange> read(List<SnapshotChanges> snapshots) {
    return new ConcatIterable<>(snapshots, s -> s.carryOver() ? withoutCarryOver(s)
        : new ConcatIterable<>(s.all(), this::read));
  }

  /**
   * Holds one snapshot's changes in memory to cancel each deleted row against an equal inserted one; only
   * snapshots that rewrote whole files get here, and what they hold is at most the rows of those files.
   */
  private CloseableIterable<RowChange> withoutCarryOver(SnapshotChanges s) {
    List<RowChange> deletes = new ArrayList<>();
    Map<List<Object>, Integer> uncancelled = new HashMap<>();
    for (FileRows f : s.deletes()) {
      try (CloseableIterable<RowChange> rows = read(f)) {
        for (RowChange c : rows) {
          deletes.add(c);
          uncancelled.merge(key(c.row()), 1, Integer::sum);
        }
      }
    }
    List<RowChange> inserts = new ArrayList<>();
    Map<List<Object>, Integer> cancelled = new HashMap<>();
    for (FileRows f : s.inserts()) {
      try (CloseableIterable<RowChange> rows = read(f)) {
        for (RowChange c : rows) {
          List<Object> k = key(c.row());
          if (uncancelled.getOrDefault(k, 0) > 0) {
            uncancelled.merge(k, -1, Integer::sum);
            cancelled.merge(k, 1, Integer::sum);
          } else {
            inserts.add(c);
          }
        }
      }
    }
    List<RowChange> out = new ArrayList<>();
    for (RowChange c : deletes) {
      List<Object> k = key(c.row());
      if (cancelled.getOrDefault(k, 0) > 0) {
        cancelled.merge(k, -1, Integer::sum);
      } else {
        out.add(c);
      }
    }
    out.addAll(inserts);
    return CloseableIterable.of(out);
  }

  private CloseableIterable<RowChange> read(FileRows f) {
    RoaringBitmap excluded = ops.deletionVector(f.excluding());
    RoaringBitmap within = f.wholeFile() ? null : ops.deletionVector(f.within());
    if (within != null && RoaringBitmap.andNot(within, excluded).isEmpty()) {
      return CloseableIterable.of(List.of());
    }
    CloseableIterable<Record> rows = ParquetFormat.read(
        ops.storage().objects().newInputFile(f.file().location(), f.file().fileSizeBytes()), schema, schema,
        Expressions.alwaysTrue(), within == null ? DeletionVectors.inOrder(excluded)
            : DeletionVectors.inOrder(excluded).or(DeletionVectors.inOrder(within).negate()),
        new ReadMetrics());
    return rows.map(r -> new RowChange(f.kind(), f.snapshotId(), r));
  }

  /** A row's values as a hash key; binary values compare by content. */
  private static List<Object> key(Record row) {
    List<Object> values = new ArrayList<>(row.schema().fields().size());
    for (int i = 0; i < row.schema().fields().size(); i++) {
      Object v = row.get(i);
      values.add(v instanceof byte[] b ? ByteBuffer.wrap(b) : v);
    }
    return values;
  }
}
