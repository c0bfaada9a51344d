package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.io.ObjectStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes one table's immutable log objects (metadata, log records, checkpoints) and replays them.
 * Parsed objects are cached by location: they never change, so a warm client reads each at most once.
 * Thread-safe.
 */
public final class TableLog {
  private static final Logger LOG = LoggerFactory.getLogger(TableLog.class);
  private final ObjectStore store;
  private final TableLocations locations;
  private final LruCache<String, TableMetadata> metadataCache = new LruCache<>(128);
  private final LruCache<String, LogRecord> logCache = new LruCache<>(256);
  private final LruCache<String, Checkpoint> checkpointCache = new LruCache<>(8);
  private final LruCache<String, List<DataFile>> partCache = new LruCache<>(64);
  private final LruCache<String, HistoryLevel<IndexEntry>> leafCache;
  private final LruCache<String, HistoryLevel<HistoryIndex.LeafRef>> rootCache = new LruCache<>(2);

  /**
   * Entries of the history index a log keeps parsed in memory, summed over its cached leaves, unless the
   * system property {@value #HISTORY_CACHE_PROPERTY} says otherwise. A leaf of 100 entries takes about 30 KB,
   * so the default holds a history of 100,000 versions (about 30 MB): at that depth time travel on a loaded
   * table finds every version without a request.
   */
  public static final long DEFAULT_HISTORY_CACHE_ENTRIES = 100_000;
  public static final String HISTORY_CACHE_PROPERTY = "snaplog.history.cache-entries";

  public TableLog(ObjectStore store, TableLocations locations) {
    this(store, locations, Long.getLong(HISTORY_CACHE_PROPERTY, DEFAULT_HISTORY_CACHE_ENTRIES));
  }

  /** @param historyCacheEntries how many history index entries the leaf cache holds at most */
  public TableLog(ObjectStore store, TableLocations locations, long historyCacheEntries) {
    this.store = store;
    this.locations = locations;
    this.leafCache = new LruCache<>(historyCacheEntries, leaf -> leaf.items().size());
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

  /**
   * The metadata at {@code location}, with the history index root the pointer names read alongside it when
   * neither is cached yet: a new handle's first time travel then finds the root in memory, one round trip
   * sooner than reading it after the metadata names it. The root is only a hint (lookups use the metadata's
   * root), so a failure to read it is left to the lookup that needs it, if any, to report.
   */
  public TableMetadata readMetadata(String location, Optional<String> historyRootHint) {
    if (historyRootHint.isEmpty() || rootCache.getIfPresent(historyRootHint.get()) != null
        || metadataCache.getIfPresent(location) != null) {
      return readMetadata(location);
    }
    String root = historyRootHint.get();
    List<Runnable> reads = List.of(() -> readMetadata(location), () -> prefetchHistoryRoot(root));
    ParallelReads.map(reads, read -> {
      read.run();
      return Boolean.TRUE;
    });
    return readMetadata(location);
  }

  private void prefetchHistoryRoot(String location) {
    try {
      readHistoryRoot(location);
    } catch (RuntimeException e) {
      LOG.debug("History root {} named by the pointer could not be read ahead: {}", location, e.toString());
    }
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
    byte[] bytes = LogRecordJson.toBytes(stored, schema, PartitionTypes.of(base), locations);
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
        context::schemaById, PartitionTypes.of(context), locations));
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
    store.putIfAbsent(location, CheckpointPartParquet.write(stored, context.schema(), PartitionTypes.of(context),
        locations, location));
    partCache.put(location, stored);
    return new CheckpointPart(location, stored.size(), stored.stream().mapToLong(DataFile::recordCount).sum(),
        StatsUnion.of(stored, context.schema()));
  }

  /** The files of a checkpoint part, in Parquet (format 3) or gzip JSON (formats 1 and 2). */
  public List<DataFile> readPart(String location, TableMetadata context) {
    return partCache.get(location, loc -> {
      byte[] bytes = read(loc, "checkpoint part");
      return CheckpointPartParquet.isParquet(bytes) ? CheckpointPartParquet.read(bytes, loc, context, locations)
          : LogRecordJson.partFromBytes(bytes, loc, context::schemaById, PartitionTypes.of(context), locations);
    });
  }

  /**
   * The files of each of {@code parts}, in order. Parts not cached yet are read and decoded side by side
   * when there are several: they are independent objects, so on S3 the reads overlap too.
   */
  private List<List<DataFile>> readParts(List<CheckpointPart> parts, TableMetadata context) {
    long uncached = parts.stream().filter(p -> partCache.getIfPresent(p.location()) == null).count();
    if (uncached < 2) { // nothing to overlap: handing cached parts to other threads only costs
      return parts.stream().map(part -> readPart(part.location(), context)).toList();
    }
    return ParallelReads.map(parts, part -> readPart(part.location(), context));
  }

  public String writeHistoryLeaf(List<IndexEntry> entries, long version) {
    String location = locations.newHistoryObject("leaf", version);
    store.putIfAbsent(location, HistoryIndex.leafToBytes(entries, locations));
    leafCache.put(location, HistoryLevel.leaf(entries));
    return location;
  }

  public List<IndexEntry> readHistoryLeaf(String location) {
    return historyLeaf(location).items();
  }

  HistoryLevel<IndexEntry> historyLeaf(String location) {
    return leafCache.get(location,
        loc -> HistoryLevel.leaf(HistoryIndex.leafFromBytes(read(loc, "history leaf"), loc, locations)));
  }

  public String writeHistoryRoot(List<HistoryIndex.LeafRef> leaves, long version) {
    String location = locations.newHistoryObject("root", version);
    store.putIfAbsent(location, HistoryIndex.rootToBytes(leaves, locations));
    rootCache.put(location, HistoryLevel.root(leaves));
    return location;
  }

  public List<HistoryIndex.LeafRef> readHistoryRoot(String location) {
    return historyRoot(location).items();
  }

  HistoryLevel<HistoryIndex.LeafRef> historyRoot(String location) {
    return rootCache.get(location,
        loc -> HistoryLevel.root(HistoryIndex.rootFromBytes(read(loc, "history root"), loc, locations)));
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
    List<CheckpointPart> parts = new ArrayList<>();
    if (fileSet.checkpoint().isPresent()) {
      for (CheckpointPart part : readCheckpoint(fileSet.checkpoint().get(), context).parts()) {
        if (readPart.test(part)) {
          parts.add(part);
        }
      }
    }
    // the log records after the checkpoint: what they add, and what they take out of the checkpoint's parts
    Map<String, DataFile> added = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < fileSet.logRecords().size(); i++) {
      LogRecord r = readLogRecord(fileSet.logRecords().get(i), context);
      for (String gone : r.removed()) {
        if (added.remove(gone) == null) {
          taken.add(gone);
        }
      }
      for (DataFile f : r.added()) {
        added.put(f.location(), fileSet.inherit(f, i));
      }
    }
    taken.addAll(added.keySet());
    // a checkpoint's parts are disjoint, so they are concatenated, not merged
    List<List<DataFile>> decoded = readParts(parts, context);
    List<DataFile> live = new ArrayList<>(decoded.stream().mapToInt(List::size).sum() + added.size());
    for (List<DataFile> files : decoded) {
      if (taken.isEmpty()) {
        live.addAll(files);
      } else {
        for (DataFile f : files) {
          if (!taken.contains(f.location())) {
            live.add(f);
          }
        }
      }
    }
    live.addAll(added.values());
    return live;
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
