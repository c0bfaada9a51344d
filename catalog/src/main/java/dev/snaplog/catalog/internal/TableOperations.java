package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NoSuchTableException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.exceptions.TableReplacedException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.Storage;
import dev.snaplog.manifest.DeletionVectors;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.PointerFile;
import dev.snaplog.manifest.TableLocations;
import dev.snaplog.manifest.TableLog;
import dev.snaplog.manifest.TableMetadata;
import java.util.Map;
import java.util.Optional;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a table's current version and performs the commit point: write the new metadata, then swap the
 * pointer. Nothing that can fail happens after the swap. When the swap's outcome is unknown it is settled by
 * reading the pointer chain, never guessed. Thread-safe.
 */
public final class TableOperations {
  private static final Logger LOG = LoggerFactory.getLogger(TableOperations.class);
  private static final int SETTLE_ATTEMPTS = 5;

  private final TableId id;
  private final Storage storage;
  private final TableLog log;
  private final Map<String, String> catalogProperties;
  private volatile TableState current;
  /** The version this handle last committed and its metadata, until a later load has confirmed it. */
  private volatile Landed unconfirmed;

  private record Landed(long version, String metadataLocation, String commitId) {}

  /** The uuid of the table this handle first loaded: the identity every later load must match. */
  private volatile String tableUuid;

  public TableOperations(TableId id, Storage storage, TableLocations locations, Map<String, String> catalogProps) {
    this.id = id;
    this.storage = storage;
    this.log = new TableLog(storage.objects(), locations);
    this.catalogProperties = Map.copyOf(catalogProps);
  }

  public TableId id() {
    return id;
  }

  public TableLog log() {
    return log;
  }

  public Storage storage() {
    return storage;
  }

  public TableLocations locations() {
    return log.locations();
  }

  public Map<String, String> catalogProperties() {
    return catalogProperties;
  }

  CommitRetryPolicy retryPolicy() {
    return CommitRetryPolicy.from(current().metadata().properties(), catalogProperties);
  }

  /** The version this handle last loaded or committed; loads it on first use. */
  public TableState current() {
    TableState s = current;
    return s != null ? s : refresh();
  }

  /** Reads the pointer; loads the metadata only if the pointer moved. */
  public TableState refresh() {
    String pointerLocation = locations().pointer();
    Pointer pointer = storage.pointers().read(pointerLocation)
        .orElseThrow(() -> new NoSuchTableException(id.toString(), pointerLocation));
    TableState cached = current;
    if (cached != null && cached.pointer().token().equals(pointer.token())) {
      return cached;
    }
    TableState loaded = load(pointer);
    confirmLanded(loaded);
    current = loaded;
    return loaded;
  }

  /**
   * The first load after one of this handle's commits checks that the commit is still in the chain. It is
   * missing only if the store let two swaps from the same token both succeed: a lost update, which no retry
   * can repair and which must not pass silently. Costs nothing in the common case (the version is in the
   * head's unflushed index tail).
   */
  private void confirmLanded(TableState loaded) {
    Landed mine = unconfirmed;
    if (mine == null || loaded.version() < mine.version()) {
      return;
    }
    unconfirmed = null;
    Optional<String> holder = loaded.version() == mine.version() ? Optional.of(loaded.metadataLocation())
        : HistoryIndex.byVersion(log, loaded.metadata(), mine.version()).map(IndexEntry::metadataLocation);
    if (holder.isPresent() && !holder.get().equals(mine.metadataLocation())) {
      String message = "Lost update on table " + id + ": commit " + mine.commitId() + " was acknowledged at"
          + " version " + mine.version() + ", but that version now holds " + holder.get() + ". The store let two"
          + " conditional swaps from the same version both succeed, so it does not give the atomic swap commits"
          + " rely on. Stop writing to this table, run 'snaplog doctor' against the store, and check the"
          + " writers' acknowledged commits";
      LOG.error(message);
      throw new CorruptTableException(message, id.toString(), mine.version(), null);
    }
  }

  void install(TableState state) {
    current = state;
  }

  private TableState load(Pointer pointer) {
    try {
      PointerFile pf = PointerFile.fromBytes(pointer.bytes(), locations());
      TableMetadata metadata = log.readMetadata(pf.metadataLocation(), pf.historyRoot());
      if (metadata.version() != pf.version()) {
        throw new CorruptTableException("Pointer of table " + id + " says version " + pf.version()
            + " but its metadata file " + pf.metadataLocation() + " is version " + metadata.version(),
            id.toString(), pf.version(), null);
      }
      checkIdentity(metadata);
      return new TableState(pointer, pf.metadataLocation(), metadata);
    } catch (CorruptTableException e) {
      throw withTable(e);
    }
  }

  /**
   * A dropped and re-created table has a new uuid. Every load compares it, so a retry never re-applies a
   * change to the new incarnation of the name, and a reader never mixes the two.
   */
  private void checkIdentity(TableMetadata metadata) {
    String expected = tableUuid;
    if (expected == null) {
      tableUuid = metadata.tableUuid();
    } else if (!expected.equals(metadata.tableUuid())) {
      throw new TableReplacedException(id.toString(), expected, metadata.tableUuid());
    }
  }

  /** Adds the table name to an error raised by code that did not know it. */
  public CorruptTableException withTable(CorruptTableException e) {
    if (e.table().isPresent()) {
      return e;
    }
    return new CorruptTableException("Table " + id + ": " + e.getMessage(), id.toString(),
        e.version().isPresent() ? e.version().getAsLong() : null, e.getCause());
  }

  /**
   * The deleted positions of {@code file} (empty without a vector); a damaged vector is reported with this
   * table's name. The one way the catalog reads a deletion vector.
   */
  public RoaringBitmap deletionVector(DataFile file) {
    try {
      return DeletionVectors.read(storage.objects(), file);
    } catch (CorruptTableException e) {
      throw withTable(e);
    }
  }

  /**
   * Commits {@code next} on top of {@code base}: writes its metadata, runs {@code beforeSwap} (the place to
   * wait for objects {@code next} names that were written in the background; an exception there fails the
   * commit with nothing swapped), then swaps the pointer from base's token.
   *
   * @return the new state
   * @throws CommitRaceLostException if another commit got there first (nothing of {@code next} is visible)
   * @throws CommitStateUnknownException if the swap's outcome could not be settled
   */
  TableState commit(TableState base, TableMetadata next, Runnable beforeSwap) {
    String metadataLocation = log.writeMetadata(next);
    beforeSwap.run();
    byte[] pointerBytes = PointerFile.of(next, metadataLocation).toBytes(locations());
    try {
      Pointer swapped = storage.pointers().swap(locations().pointer(), base.pointer().token(), pointerBytes);
      TableState state = new TableState(swapped, metadataLocation, next);
      unconfirmed = new Landed(next.version(), metadataLocation, next.commitId());
      current = state;
      return state;
    } catch (CommitRaceLostException e) {
      throw new CommitRaceLostException("Table " + id + " moved past version " + base.version()
          + " before commit " + next.commitId() + " could land", id.toString(), base.version());
    } catch (CommitStateUnknownException | StorageException e) {
      LOG.warn("Pointer swap of table {} to version {} has an unknown outcome ({}); settling it by reading the"
          + " pointer", id, next.version(), e.getMessage());
      return settle(base, next, metadataLocation, e);
    }
  }

  /**
   * Decides whether a swap with a lost response took effect. If it did, the version right after base is
   * ours (same commit id): the swap could only succeed against base's token.
   */
  private TableState settle(TableState base, TableMetadata next, String metadataLocation, RuntimeException cause) {
    RuntimeException last = cause;
    for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      try {
        TableState head = refresh();
        if (head.pointer().token().equals(base.pointer().token())) {
          throw new NotAppliedException("Commit " + next.commitId() + " to table " + id
              + " was not applied (pointer unchanged at version " + base.version() + "); retrying",
              id.toString(), base.version(), true);
        }
        Optional<Boolean> ours = holds(head, next.version(), metadataLocation);
        if (ours.isEmpty()) {
          throw new CommitStateUnknownException("Commit " + next.commitId() + " to table " + id + " (version "
              + next.version() + ") has an unknown outcome: the pointer swap got no answer and a concurrent expiry"
              + " removed that version before it could be checked. Do not clean up its files. Reload the table and"
              + " look for commit id " + next.commitId() + " in the snapshot history before retrying",
              id.toString(), next.version(), cause);
        }
        if (ours.get()) {
          LOG.info("Commit {} to table {} did land at version {}", next.commitId(), id, next.version());
          return head;
        }
        throw new NotAppliedException("Commit " + next.commitId() + " to table " + id
            + " was not applied: another commit took version " + next.version(), id.toString(), base.version(),
            false);
      } catch (StorageException e) {
        last = e;
        sleepQuietly(100L << attempt);
      }
    }
    throw new CommitStateUnknownException("Commit " + next.commitId() + " to table " + id + " (version "
        + next.version() + ") has an unknown outcome: the pointer swap got no answer and the pointer could not"
        + " be read back. Do not clean up its files. Reload the table and look for commit id " + next.commitId()
        + " in the snapshot history before retrying", id.toString(), next.version(), last);
  }

  /**
   * Whether version {@code version} of the table is the one whose metadata was written at {@code location}
   * (locations are unique per attempt, so this tells a commit from any other without reading the version's
   * metadata); empty when the version is no longer in the history (expired), so it cannot be told.
   */
  private Optional<Boolean> holds(TableState head, long version, String location) {
    if (head.metadata().version() == version) {
      return Optional.of(head.metadataLocation().equals(location));
    }
    return HistoryIndex.byVersion(log, head.metadata(), version).map(e -> e.metadataLocation().equals(location));
  }

  /** Finds the version holding {@code commitId} among the versions after {@code afterVersion}. */
  Optional<TableMetadata> findCommit(TableMetadata head, String commitId, long afterVersion) {
    return log.findVersion(head, m -> m.commitId().equals(commitId), m -> m.version() <= afterVersion + 1);
  }

  /**
   * A swap whose lost response was settled as not applied. Retried like a lost race; when a delayed copy of the
   * request could still land ({@link #mayLandLater()}), later attempts first look for the commit in the chain.
   */
  static final class NotAppliedException extends CommitRaceLostException {
    private final boolean mayLandLater;

    NotAppliedException(String message, String table, long version, boolean mayLandLater) {
      super(message, table, version);
      this.mayLandLater = mayLandLater;
    }

    /**
     * True when the pointer still held base's token, so a delayed copy of the swap may yet land; false when
     * another commit took the version: the swap's condition names a token the pointer will never hold again.
     */
    boolean mayLandLater() {
      return mayLandLater;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
