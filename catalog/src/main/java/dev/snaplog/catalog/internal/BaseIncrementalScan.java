package dev.snaplog.catalog.internal;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.IncrementalScan;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.manifest.TableMetadata;
import dev.snaplog.manifest.DeletionVectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/** Diffs the live file sets of two versions found through the history index. */
final class BaseIncrementalScan implements IncrementalScan {
  private final TableOperations ops;
  private final TableMetadata head;
  private final Long from;
  private final Long to;
  private volatile Changes changes; // both sides replayed once, on first use

  private record Changes(List<DataFile> added, List<DataFile> removed) {}

  BaseIncrementalScan(TableOperations ops, TableMetadata head, Long from, Long to) {
    this.ops = ops;
    this.head = head;
    this.from = from;
    this.to = to;
  }

  @Override
  public IncrementalScan fromSnapshot(long snapshotId) {
    SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    return new BaseIncrementalScan(ops, head, snapshotId, to);
  }

  @Override
  public IncrementalScan toSnapshot(long snapshotId) {
    SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    return new BaseIncrementalScan(ops, head, from, snapshotId);
  }

  private Map<String, DataFile> live(Long snapshotId) {
    Map<String, DataFile> out = new LinkedHashMap<>();
    if (snapshotId == null) {
      return out;
    }
    SnapshotState state = SnapshotLookup.bySnapshotId(ops, head, snapshotId);
    ops.log().liveFiles(state.context(), state.fileSet(), part -> true).forEach(f -> out.put(f.location(), f));
    return out;
  }

  private Map<String, DataFile> end() {
    Long end = to != null ? to : head.currentSnapshot().map(s -> s.snapshotId()).orElse(null);
    return live(end);
  }

  private static List<DataFile> minus(Map<String, DataFile> a, Map<String, DataFile> b) {
    return a.values().stream().filter(f -> !b.containsKey(f.location())).toList();
  }

  private Changes changes() {
    Changes c = changes;
    if (c == null) {
      Map<String, DataFile> start = live(from);
      Map<String, DataFile> end = end();
      c = new Changes(minus(end, start), minus(start, end));
      changes = c;
    }
    return c;
  }

  @Override
  public List<DataFile> addedFiles() {
    return changes().added();
  }

  @Override
  public List<DataFile> removedFiles() {
    return changes().removed();
  }

  @Override
  public CloseableIterable<Record> addedRecords() {
    return read(addedFiles());
  }

  @Override
  public CloseableIterable<Record> removedRecords() {
    return read(removedFiles());
  }

  /** The live rows of {@code files}: each file's deletion vector, as of the side it comes from, applies. */
  private CloseableIterable<Record> read(List<DataFile> files) {
    Schema schema = head.schema();
    return new ConcatIterable<>(files, f -> {
      RoaringBitmap deleted = ops.deletionVector(f);
      return ParquetFormat.read(ops.storage().objects().newInputFile(f.location(), f.fileSizeBytes()), schema,
          schema, Expressions.alwaysTrue(), DeletionVectors.inOrder(deleted), new ReadMetrics());
    });
  }
}
