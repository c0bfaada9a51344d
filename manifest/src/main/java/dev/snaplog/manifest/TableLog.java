package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.io.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * Reads and writes one table's immutable log objects (metadata, log records, checkpoints) and replays them.
 * Parsed objects are cached by location: they never change, so a warm client reads each at most once.
 * Thread-safe.
 */
public final class TableLog {
  private final ObjectStore store;
  private final TableLocations locations;
  private final LruCache<String, TableMetadata> metadataCache = new LruCache<>(128);
  private final LruCache<String, LogRecord> logCache = new LruCache<>(256);
  private final LruCache<String, Checkpoint> checkpointCache = new LruCache<>(8);
  private final LruCache<String, List<DataFile>> partCache = new LruCache<>(64);
  private final LruCache<String, List<IndexEntry>> leafCache = new LruCache<>(16);
  private final LruCache<String, List<HistoryIndex.LeafRef>> rootCache = new LruCache<>(2);

  public TableLog(ObjectStore store, TableLocations locations) {
    this.store = store;
    this.locations = locations;
  }

  public TableLocations locations() {
    return locations;
  }

  public ObjectStore store() {
    return store;
  }

  public TableMetadata readMetadata(String location) {
    return metadataCache.get(location, loc -> TableMetadataJson.fromBytes(read(loc, "metadata file"), loc,
        locations));
  }

  /** Writes a metadata file create-only and caches it; returns its location. */
  public String writeMetadata(TableMetadata metadata) {
    String location = locations.newMetadata(metadata.version());
    store.putIfAbsent(location, TableMetadataJson.toBytes(metadata, locations));
    metadataCache.put(location, metadata);
    return location;
  }

  /**
   * Starts writing a log record on {@code executor} and returns at once, so the commit can write its metadata
   * file meanwhile: on S3 that saves one round trip per commit. The record is readable from this log's cache
   * right away; the commit must {@link PendingWrite#await()} it before the pointer swap makes it reachable.
   */
  public PendingWrite writeLogRecordAsync(LogRecord record, TableMetadata base, Executor executor) {
    String location = locations.newLogRecord();
    Schema schema = base.schemaById(record.schemaId());
    LogRecord stored = StatsTruncation.truncate(record, schema, StatsTruncation.length(base.properties()));
    byte[] bytes = LogRecordJson.toBytes(stored, schema, locations);
    logCache.put(location, stored); // readers of this cache see what readers of the store see
    return new PendingWrite(location, CompletableFuture.runAsync(() -> store.putIfAbsent(location, bytes), executor));
  }

  /** An object being written in the background. */
  public static final class PendingWrite {
    private final String location;
    private final CompletableFuture<Void> done;

    PendingWrite(String location, CompletableFuture<Void> done) {
      this.location = location;
      this.done = done;
    }

    public String location() {
      return location;
    }

    /** Waits until the object is stored; rethrows the write's own exception if it failed. */
    public void await() {
      try {
        done.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
  }

  public LogRecord readLogRecord(String location, TableMetadata context) {
    return logCache.get(location, loc -> LogRecordJson.fromBytes(read(loc, "log record"), loc,
        context::schemaById, locations));
  }

  public String writeCheckpoint(Checkpoint checkpoint, TableMetadata context) {
    String location = locations.newCheckpoint(checkpoint.version());
    Schema schema = context.schemaById(checkpoint.schemaId());
    Checkpoint stored = StatsTruncation.truncate(checkpoint, schema, StatsTruncation.length(context.properties()));
    store.putIfAbsent(location, LogRecordJson.checkpointToBytes(stored, schema, locations));
    checkpointCache.put(location, stored);
    return location;
  }

  public Checkpoint readCheckpoint(String location, TableMetadata context) {
    return checkpointCache.get(location, loc -> LogRecordJson.checkpointFromBytes(read(loc, "checkpoint"), loc,
        context::schemaById, locations));
  }

  /** Writes a checkpoint part create-only; returns its reference with the union of its files' stats. */
  public CheckpointPart writePart(List<DataFile> files, TableMetadata context) {
    String location = locations.newCheckpointPart();
    List<DataFile> stored = StatsTruncation.truncate(files, context.schema(),
        StatsTruncation.length(context.properties()));
    store.putIfAbsent(location, LogRecordJson.partToBytes(stored, context.schema(), locations));
    partCache.put(location, stored);
    return new CheckpointPart(location, stored.size(), stored.stream().mapToLong(DataFile::recordCount).sum(),
        StatsUnion.of(stored, context.schema()));
  }

  public List<DataFile> readPart(String location, TableMetadata context) {
    return partCache.get(location, loc -> LogRecordJson.partFromBytes(read(loc, "checkpoint part"), loc,
        context::schemaById, locations));
  }

  public String writeHistoryLeaf(List<IndexEntry> entries, long version) {
    String location = locations.newHistoryObject("leaf", version);
    store.putIfAbsent(location, HistoryIndex.leafToBytes(entries, locations));
    leafCache.put(location, List.copyOf(entries));
    return location;
  }

  public List<IndexEntry> readHistoryLeaf(String location) {
    return leafCache.get(location, loc -> HistoryIndex.leafFromBytes(read(loc, "history leaf"), loc, locations));
  }

  public String writeHistoryRoot(List<HistoryIndex.LeafRef> leaves, long version) {
    String location = locations.newHistoryObject("root", version);
    store.putIfAbsent(location, HistoryIndex.rootToBytes(leaves, locations));
    rootCache.put(location, List.copyOf(leaves));
    return location;
  }

  public List<HistoryIndex.LeafRef> readHistoryRoot(String location) {
    return rootCache.get(location, loc -> HistoryIndex.rootFromBytes(read(loc, "history root"), loc, locations));
  }

  /** The live data files of a version: its checkpoint plus the log records after it, in commit order. */
  public List<DataFile> liveFiles(TableMetadata metadata) {
    return liveFiles(metadata, metadata.fileSet(), part -> true);
  }

  /**
   * The live data files of {@code fileSet}, reading only the checkpoint parts {@code readPart} accepts (scan
   * planning passes a stats test, so parts that cannot match are never read).
   */
  public List<DataFile> liveFiles(TableMetadata context, FileSetState fileSet, Predicate<CheckpointPart> readPart) {
    Map<String, DataFile> live = new LinkedHashMap<>();
    if (fileSet.checkpoint().isPresent()) {
      for (CheckpointPart part : readCheckpoint(fileSet.checkpoint().get(), context).parts()) {
        if (readPart.test(part)) {
          readPart(part.location(), context).forEach(f -> live.put(f.location(), f));
        }
      }
    }
    for (int i = 0; i < fileSet.logRecords().size(); i++) {
      LogRecord r = readLogRecord(fileSet.logRecords().get(i), context);
      r.removed().forEach(live::remove);
      for (DataFile f : r.added()) {
        live.put(f.location(), fileSet.inherit(f, i));
      }
    }
    return new ArrayList<>(live.values());
  }

  /**
   * Walks the chain from {@code head} back through parent metadata, newest first, and returns the first
   * version that satisfies {@code match}; stops early when {@code giveUp} holds for a version.
   */
  public Optional<TableMetadata> findVersion(TableMetadata head, Predicate<TableMetadata> match,
      Predicate<TableMetadata> giveUp) {
    TableMetadata m = head;
    while (true) {
      if (match.test(m)) {
        return Optional.of(m);
      }
      if (giveUp.test(m) || m.parentMetadata().isEmpty()) {
        return Optional.empty();
      }
      m = readMetadata(m.parentMetadata().get());
    }
  }

  private byte[] read(String location, String what) {
    try {
      return store.newInputFile(location).readAllBytes();
    } catch (NotFoundException e) {
      throw new CorruptTableException("The " + what + " " + location + " is missing; the table's log names it"
          + " but it is gone (deleted by hand or by a faulty clean-up). Run 'snaplog verify' to list every"
          + " missing object", null, null, e);
    }
  }
}
