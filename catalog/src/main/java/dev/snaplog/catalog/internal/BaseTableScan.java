package dev.snaplog.catalog.internal;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.manifest.ScanPlanner;
import dev.snaplog.manifest.TableMetadata;
import dev.snaplog.manifest.DeletionVectors;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;

/**
 * An immutable scan; the version it reads is resolved when a refinement names one. Time travel finds the
 * snapshot's id and schema in the history index; the version's metadata is read when the scan plans, reads
 * or is asked for the full {@link #snapshot()}.
 */
final class BaseTableScan implements TableScan {
  private final TableOperations ops;
  private final TableMetadata head;
  private final LazySnapshotState version; // null: the table has no snapshot yet
  private final boolean timeTravel;
  private final Expression filter;
  private final List<String> columns;

  private BaseTableScan(TableOperations ops, TableMetadata head, LazySnapshotState version, boolean timeTravel,
      Expression filter, List<String> columns) {
    this.ops = ops;
    this.head = head;
    this.version = version;
    this.timeTravel = timeTravel;
    this.filter = filter;
    this.columns = columns;
  }

  static BaseTableScan of(TableOperations ops, TableMetadata head) {
    return new BaseTableScan(ops, head,
        head.currentSnapshot().isPresent() ? LazySnapshotState.loaded(SnapshotState.main(head)) : null,
        false, Expressions.alwaysTrue(), null);
  }

  /** A scan of an earlier snapshot: it reads with the schema that snapshot was written with. */
  private BaseTableScan travel(LazySnapshotState to) {
    return new BaseTableScan(ops, head, to, true, filter, columns);
  }

  @Override
  public TableScan useSnapshot(long snapshotId) {
    return travel(SnapshotLookup.bySnapshotIdLazily(ops, head, snapshotId));
  }

  @Override
  public TableScan useTag(String tag) {
    Long id = head.tags().get(tag);
    if (id == null) {
      throw new dev.snaplog.core.exceptions.NoSuchSnapshotException("Table " + ops.id() + " has no tag '" + tag
          + "'; its tags are " + head.tags().keySet(), ops.id().toString());
    }
    return useSnapshot(id);
  }

  @Override
  public TableScan useBranch(String branch) {
    return new BaseTableScan(ops, head, LazySnapshotState.loaded(SnapshotLookup.byBranch(ops, head, branch)),
        false, filter, columns);
  }

  @Override
  public TableScan asOfTime(Instant time) {
    return travel(SnapshotLookup.asOfLazily(ops, head, time));
  }

  @Override
  public TableScan filter(Expression more) {
    Expressions.bind(more, dataSchema()); // fail now, naming the column, rather than at planning
    return new BaseTableScan(ops, head, version, timeTravel, Expressions.and(filter, more), columns);
  }

  @Override
  public TableScan select(List<String> cols) {
    dataSchema().select(cols);
    return new BaseTableScan(ops, head, version, timeTravel, filter, List.copyOf(cols));
  }

  @Override
  public Optional<Snapshot> snapshot() {
    return Optional.ofNullable(version).map(v -> v.load().snapshot());
  }

  @Override
  public Optional<Long> snapshotId() {
    return Optional.ofNullable(version).map(LazySnapshotState::snapshotId);
  }

  /**
   * The schema rows are read with: the table's current one for main and branches (a column added since a file
   * was written reads as null or its default), the snapshot's own for time travel. Schema ids are never reused,
   * so the head's schema of that id is the one the snapshot was written with; only a schema the head no longer
   * lists needs the version's own metadata.
   */
  private Schema dataSchema() {
    if (version == null || !timeTravel) {
      return head.schema();
    }
    int id = version.schemaId();
    for (Schema s : head.schemas()) {
      if (s.schemaId() == id) {
        return s;
      }
    }
    return version.load().context().schemaById(id);
  }

  @Override
  public Schema schema() {
    return columns == null ? dataSchema() : dataSchema().select(columns);
  }

  @Override
  public CloseableIterable<FileScanTask> planFiles() {
    if (version == null) {
      return CloseableIterable.of(List.of());
    }
    try {
      SnapshotState state = version.load();
      Schema schema = dataSchema();
      return CloseableIterable.of(ScanPlanner.plan(ops.log(), state.context(), state.fileSet(),
          Expressions.bind(filter, schema), schema));
    } catch (dev.snaplog.core.exceptions.CorruptTableException e) {
      throw ops.withTable(e);
    }
  }

  @Override
  public CloseableIterable<Record> records() {
    Schema full = dataSchema();
    Schema projection = schema();
    List<FileScanTask> tasks = planFiles().toList();
    return new ConcatIterable<>(tasks, task -> {
      RoaringBitmap deleted = ops.deletionVector(task.file());
      return ParquetFormat.read(ops.storage().objects().newInputFile(task.file().location(),
          task.file().fileSizeBytes()), full, projection, task.residual(),
          DeletionVectors.inOrder(deleted), new ReadMetrics());
    });
  }
}
