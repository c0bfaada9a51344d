package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.SortOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable metadata of one table version. Each commit writes a new one naming its parent, which forms
 * the chain the pointer heads. Its size does not grow with history: it names the current snapshot and the
 * file-set state (a checkpoint plus a bounded list of log records), not every past snapshot.
 *
 * <p>{@code logRecord} names the delta this version committed, so the changes between any two versions can be
 * read from the log alone, even after a checkpoint folded them in.
 *
 * <p>{@code orphanHorizonMillis} is the fence that orphan removal raised (store clock, epoch millis; 0 when it
 * never ran): unreferenced objects last modified before it may be deleted at any moment, so a commit whose
 * files are older than it must not land.
 *
 * <p>{@code lastColumnId} is the highest column id ever assigned (ids are never reused, so a dropped column's
 * old data is never read as a new column); {@code partitionSpecs} lists every partition spec data files may
 * name, {@code defaultSpecId} the one new files are written for, and {@code lastPartitionId} the highest
 * partition field id ever assigned (never reused, like column ids). {@code sortOrders} lists every sort order
 * the table has had ({@link SortOrder#UNSORTED} at least) and {@code defaultSortOrderId} the one writers sort
 * new files by.
 *
 * <p>{@code extras} holds top-level fields this build does not know, written by a newer writer of the same
 * format version; they are carried into the next version unchanged rather than dropped.
 */
public record TableMetadata(
    String tableUuid,
    long version,
    long lastUpdatedMillis,
    String commitId,
    String operation,
    List<Schema> schemas,
    int currentSchemaId,
    Map<String, String> properties,
    Optional<Snapshot> currentSnapshot,
    Optional<String> parentMetadata,
    Optional<String> logRecord,
    FileSetState fileSet,
    Map<String, WriterMark> writers,
    Map<String, Long> tags,
    Map<String, BranchState> branches,
    HistoryState history,
    long orphanHorizonMillis,
    int lastColumnId,
    List<PartitionSpec> partitionSpecs,
    int defaultSpecId,
    int lastPartitionId,
    List<SortOrder> sortOrders,
    int defaultSortOrderId,
    Map<String, JsonNode> extras) {

  public TableMetadata {
    schemas = List.copyOf(schemas);
    properties = Map.copyOf(properties);
    writers = Map.copyOf(writers);
    tags = Map.copyOf(tags);
    branches = Map.copyOf(branches);
    extras = Map.copyOf(extras);
    partitionSpecs = partitionSpecs.isEmpty() ? List.of(PartitionSpec.UNPARTITIONED) : List.copyOf(partitionSpecs);
    sortOrders = sortOrders.isEmpty() ? List.of(SortOrder.UNSORTED) : List.copyOf(sortOrders);
    for (Schema s : schemas) {
      lastColumnId = Math.max(lastColumnId, s.highestFieldId());
    }
    for (PartitionSpec s : partitionSpecs) {
      lastPartitionId = Math.max(lastPartitionId, s.lastFieldId());
    }
  }

  /** The spec new data files are written for. */
  public PartitionSpec spec() {
    return specById(defaultSpecId);
  }

  /** The spec with this id; every spec a data file names is kept. */
  public PartitionSpec specById(int id) {
    return partitionSpecs.stream().filter(s -> s.specId() == id).findFirst()
        .orElseThrow(() -> new IllegalStateException("metadata v" + version + " has no partition spec " + id));
  }

  /** The sort order writers sort new data files by. */
  public SortOrder sortOrder() {
    return sortOrderById(defaultSortOrderId);
  }

  /** The sort order with this id; every order the table has had is kept. */
  public SortOrder sortOrderById(int id) {
    return sortOrders.stream().filter(o -> o.orderId() == id).findFirst()
        .orElseThrow(() -> new IllegalStateException("metadata v" + version + " has no sort order " + id));
  }

  public Schema schema() {
    return schemaById(currentSchemaId);
  }

  public Schema schemaById(int id) {
    return schemas.stream().filter(s -> s.schemaId() == id).findFirst()
        .orElseThrow(() -> new IllegalStateException("metadata v" + version + " has no schema " + id));
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public static Builder builder() {
    return new Builder(null);
  }

  /** Builds the next version from a base; every field starts as the base's. */
  public static final class Builder {
    private String tableUuid;
    private long version;
    private long lastUpdatedMillis;
    private String commitId;
    private String operation;
    private List<Schema> schemas = List.of();
    private int currentSchemaId;
    private Map<String, String> properties = Map.of();
    private Optional<Snapshot> currentSnapshot = Optional.empty();
    private Optional<String> parentMetadata = Optional.empty();
    private Optional<String> logRecord = Optional.empty();
    private FileSetState fileSet = FileSetState.EMPTY;
    private Map<String, WriterMark> writers = Map.of();
    private Map<String, Long> tags = Map.of();
    private Map<String, BranchState> branches = Map.of();
    private HistoryState history = HistoryState.EMPTY;
    private long orphanHorizonMillis;
    private int lastColumnId;
    private List<PartitionSpec> partitionSpecs = List.of(PartitionSpec.UNPARTITIONED);
    private int defaultSpecId = PartitionSpec.UNPARTITIONED.specId();
    private int lastPartitionId = PartitionSpec.FIRST_FIELD_ID - 1;
    private List<SortOrder> sortOrders = List.of(SortOrder.UNSORTED);
    private int defaultSortOrderId = SortOrder.UNSORTED.orderId();
    private Map<String, JsonNode> extras = Map.of();

    private Builder(TableMetadata base) {
      if (base != null) {
        tableUuid = base.tableUuid;
        version = base.version;
        lastUpdatedMillis = base.lastUpdatedMillis;
        commitId = base.commitId;
        operation = base.operation;
        schemas = base.schemas;
        currentSchemaId = base.currentSchemaId;
        properties = base.properties;
        currentSnapshot = base.currentSnapshot;
        parentMetadata = base.parentMetadata;
        logRecord = base.logRecord;
        fileSet = base.fileSet;
        writers = base.writers;
        tags = base.tags;
        branches = base.branches;
        history = base.history;
        orphanHorizonMillis = base.orphanHorizonMillis;
        lastColumnId = base.lastColumnId;
        partitionSpecs = base.partitionSpecs;
        defaultSpecId = base.defaultSpecId;
        lastPartitionId = base.lastPartitionId;
        sortOrders = base.sortOrders;
        defaultSortOrderId = base.defaultSortOrderId;
        extras = base.extras;
      }
    }

    public Builder tableUuid(String v) {
      tableUuid = v;
      return this;
    }

    public Builder version(long v) {
      version = v;
      return this;
    }

    public Builder lastUpdatedMillis(long v) {
      lastUpdatedMillis = v;
      return this;
    }

    public Builder commitId(String v) {
      commitId = v;
      return this;
    }

    public Builder operation(String v) {
      operation = v;
      return this;
    }

    public Builder schemas(List<Schema> v, int currentId) {
      schemas = v;
      currentSchemaId = currentId;
      return this;
    }

    public Builder properties(Map<String, String> v) {
      properties = v;
      return this;
    }

    public Builder currentSnapshot(Snapshot v) {
      currentSnapshot = Optional.ofNullable(v);
      return this;
    }

    public Builder parentMetadata(String v) {
      parentMetadata = Optional.ofNullable(v);
      return this;
    }

    /** The log record (delta manifest) this version committed; none for versions that add no files. */
    public Builder logRecord(String v) {
      logRecord = Optional.ofNullable(v);
      return this;
    }

    public Builder fileSet(FileSetState v) {
      fileSet = v;
      return this;
    }

    public Builder writer(String writer, WriterMark mark) {
      Map<String, WriterMark> next = new HashMap<>(writers);
      next.put(writer, mark);
      writers = next;
      return this;
    }

    public Builder writers(Map<String, WriterMark> v) {
      writers = v;
      return this;
    }

    /** Tags: name to snapshot id. */
    public Builder tags(Map<String, Long> v) {
      tags = v;
      return this;
    }

    /** Branches other than main: name to head. */
    public Builder branches(Map<String, BranchState> v) {
      branches = v;
      return this;
    }

    public Builder history(HistoryState v) {
      history = v;
      return this;
    }

    public Builder orphanHorizonMillis(long v) {
      orphanHorizonMillis = v;
      return this;
    }

    public Builder lastColumnId(int v) {
      lastColumnId = v;
      return this;
    }

    public Builder partitionSpecs(List<PartitionSpec> specs, int defaultId) {
      partitionSpecs = specs;
      defaultSpecId = defaultId;
      return this;
    }

    public Builder lastPartitionId(int v) {
      lastPartitionId = v;
      return this;
    }

    public Builder sortOrders(List<SortOrder> orders, int defaultId) {
      sortOrders = orders;
      defaultSortOrderId = defaultId;
      return this;
    }

    public Builder extras(Map<String, JsonNode> v) {
      extras = v;
      return this;
    }

    public TableMetadata build() {
      return new TableMetadata(tableUuid, version, lastUpdatedMillis, commitId, operation, schemas,
          currentSchemaId, properties, currentSnapshot, parentMetadata, logRecord, fileSet, writers, tags, branches, history,
          orphanHorizonMillis, lastColumnId, partitionSpecs, defaultSpecId, lastPartitionId, sortOrders,
          defaultSortOrderId, extras);
    }
  }
}
