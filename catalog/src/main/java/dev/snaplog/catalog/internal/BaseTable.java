package dev.snaplog.catalog.internal;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.ChangelogScan;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.DeleteFiles;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.RemoveOrphanFiles;
import dev.snaplog.core.VerifyReport;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.IncrementalScan;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.RewriteFiles;
import dev.snaplog.core.Rollback;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.Upsert;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.ReplaceSortOrder;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.UpdatePartitionSpec;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.data.SortOptions;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.TableScan;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The table handle given out by the catalog. Reads use the loaded version; operations commit on the newest. */
public final class BaseTable implements Table {
  private final TableOperations ops;

  public BaseTable(TableOperations ops) {
    this.ops = ops;
  }

  private TableMetadata metadata() {
    return ops.current().metadata();
  }

  @Override
  public TableId id() {
    return ops.id();
  }

  @Override
  public String location() {
    return ops.locations().root();
  }

  @Override
  public long version() {
    return metadata().version();
  }

  @Override
  public Schema schema() {
    return metadata().schema();
  }

  @Override
  public List<Schema> schemas() {
    return metadata().schemas();
  }

  @Override
  public PartitionSpec spec() {
    return metadata().spec();
  }

  @Override
  public Map<Integer, PartitionSpec> specs() {
    Map<Integer, PartitionSpec> out = new java.util.TreeMap<>();
    metadata().partitionSpecs().forEach(s -> out.put(s.specId(), s));
    return out;
  }

  @Override
  public UpdateSchema updateSchema() {
    return LayoutChanges.updateSchema(ops);
  }

  @Override
  public UpdatePartitionSpec updateSpec() {
    return LayoutChanges.updateSpec(ops);
  }

  @Override
  public SortOrder sortOrder() {
    return metadata().sortOrder();
  }

  @Override
  public Map<Integer, SortOrder> sortOrders() {
    Map<Integer, SortOrder> out = new java.util.TreeMap<>();
    metadata().sortOrders().forEach(o -> out.put(o.orderId(), o));
    return out;
  }

  @Override
  public ReplaceSortOrder replaceSortOrder() {
    return LayoutChanges.replaceSortOrder(ops);
  }

  @Override
  public Map<String, String> properties() {
    return metadata().properties();
  }

  @Override
  public Optional<Snapshot> currentSnapshot() {
    return metadata().currentSnapshot();
  }

  @Override
  public Snapshot snapshot(long snapshotId) {
    return SnapshotLookup.bySnapshotId(ops, metadata(), snapshotId).snapshot();
  }

  @Override
  public List<HistoryEntry> history() {
    TableMetadata head = metadata();
    List<HistoryEntry> all = new ArrayList<>();
    all.add(new HistoryEntry(head.version(), head.lastUpdatedMillis(),
        head.currentSnapshot().map(Snapshot::snapshotId).orElse(0L), head.operation()));
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head)) {
      all.add(new HistoryEntry(e.version(), e.timestampMillis(), e.snapshotId(), e.operation()));
    }
    // keep the versions that changed main's snapshot; tags, branch commits and expiry leave it as it was
    List<HistoryEntry> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      long id = all.get(i).snapshotId();
      if (id != 0 && (i + 1 == all.size() || all.get(i + 1).snapshotId() != id)) {
        out.add(all.get(i));
      }
    }
    return out;
  }

  @Override
  public List<Snapshot> snapshots() {
    TableMetadata head = metadata();
    List<Snapshot> out = new ArrayList<>();
    Optional<Snapshot> s = currentSnapshot();
    while (s.isPresent()) {
      out.add(s.get());
      Optional<Long> parent = s.get().parentId();
      if (parent.isEmpty()) {
        break;
      }
      try {
        s = Optional.of(SnapshotLookup.bySnapshotId(ops, head, parent.get()).snapshot());
      } catch (dev.snaplog.core.exceptions.NoSuchSnapshotException expired) {
        break; // older ancestors were expired
      }
    }
    return out;
  }

  @Override
  public Map<String, Long> tags() {
    return metadata().tags();
  }

  @Override
  public Map<String, Long> branches() {
    Map<String, Long> out = new java.util.TreeMap<>();
    metadata().branches().forEach((name, b) -> out.put(name, b.head().snapshotId()));
    return out;
  }

  @Override
  public ManageRefs manageRefs() {
    return new RefsOperation(ops);
  }

  @Override
  public Table refresh() {
    ops.refresh();
    return this;
  }

  @Override
  public AppendFiles newAppend() {
    return new AppendOperation(ops, this);
  }

  @Override
  public DeleteFiles newDelete() {
    return new DeleteOperation(ops, this);
  }

  @Override
  public OverwriteFiles newOverwrite() {
    return new OverwriteOperation(ops, this);
  }

  @Override
  public RowDelta newRowDelta() {
    return new RowDeltaOperation(ops, this);
  }

  @Override
  public Upsert newUpsert() {
    return new UpsertOperation(ops, this);
  }

  @Override
  public RewriteFiles newRewrite() {
    return new RewriteOperation(ops, this);
  }

  @Override
  public Rollback newRollback() {
    return new RollbackOperation(ops);
  }

  @Override
  public TableScan newScan() {
    return BaseTableScan.of(ops, metadata());
  }

  @Override
  public IncrementalScan newIncrementalScan() {
    return new BaseIncrementalScan(ops, metadata(), null, null);
  }

  @Override
  public ChangelogScan newChangelogScan() {
    return new BaseChangelogScan(ops, metadata(), null, null);
  }

  @Override
  public ExpireSnapshots expireSnapshots() {
    return new ExpireOperation(ops);
  }

  @Override
  public RemoveOrphanFiles removeOrphanFiles() {
    return new OrphanRemoval(ops);
  }

  @Override
  public VerifyReport verify(boolean readEveryPage) {
    return Verifier.verify(ops, readEveryPage);
  }

  @Override
  public DataWriter newDataWriter() {
    return newDataWriter(spec());
  }

  /** How the loaded version's writers sort: its sort order and sort buffer bound. */
  SortOptions sortOptions() {
    TableMetadata m = metadata();
    return SortOptions.of(m.sortOrder(), TableProperties.sortBufferRows(m.properties(), ops.catalogProperties()));
  }

  /**
   * A writer with the current schema for files of {@code spec}, which may be an older spec of the table,
   * sorting as {@code sort} says (compaction cuts files and tracks where rows went; see
   * {@link TableDataWriter#placement}).
   */
  TableDataWriter newDataWriter(PartitionSpec spec, SortOptions sort) {
    return new TableDataWriter(ops, schema(), spec,
        TableProperties.partitionedMaxOpenFiles(properties(), ops.catalogProperties()), sort);
  }

  /** A writer with the current schema and sort order for files of {@code spec}. */
  DataWriter newDataWriter(PartitionSpec spec) {
    return newDataWriter(spec, sortOptions());
  }

  @Override
  public String toString() {
    return "Table " + id() + " at version " + version();
  }
}
