package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.NamespaceNotEmptyException;
import dev.snaplog.core.exceptions.NoSuchNamespaceException;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.core.exceptions.NoSuchTableException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.exceptions.TableAlreadyExistsException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.ForwardingPointerStore;
import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every warehouse must show, whatever its storage. Subclasses supply a fresh, empty storage per
 * test; the suite builds catalogs over it (wrapped for counting or fault injection where a test needs to).
 */
public abstract class TableBehaviourSuite {
  protected static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  protected static final TableId EVENTS = TableId.of("db", "events");

  private Storage storage;
  protected Catalog catalog;

  /** A new, empty warehouse. Called once per test. */
  protected abstract Storage openStorage();

  @BeforeEach
  void setUpCatalog() {
    storage = openStorage();
    catalog = WarehouseCatalog.of(storage, Map.of());
    catalog.createNamespace("db");
  }

  @AfterEach
  void closeCatalog() {
    catalog.close();
  }

  protected Storage storage() {
    return storage;
  }

  protected static List<Record> rows(long firstId, int count) {
    List<Record> out = new ArrayList<>();
    for (long id = firstId; id < firstId + count; id++) {
      out.add(GenericRecord.of(SCHEMA, id, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(id), "row-" + id));
    }
    return out;
  }

  protected static Set<Long> ids(Iterable<Record> records) {
    Set<Long> out = new HashSet<>();
    for (Record r : records) {
      out.add((Long) r.get("id"));
    }
    return out;
  }

  protected static List<Long> idList(Table table) {
    return table.newScan().records().toList().stream().map(r -> (Long) r.get("id")).sorted().toList();
  }

  protected static Set<Long> range(long from, long toExclusive) {
    Set<Long> out = new HashSet<>();
    for (long i = from; i < toExclusive; i++) {
      out.add(i);
    }
    return out;
  }

  private List<String> tableObjects() {
    return storage.objects().list(storage.objects().resolve(storage.root(), "db/events")).stream()
        .map(ObjectInfo::location).filter(l -> !l.endsWith(".lock")).toList();
  }

  @Test
  void createLoadListAndDropTables() {
    Table t = catalog.createTable(EVENTS, SCHEMA, Map.of("owner", "pipelines"));
    assertThat(t.version()).isZero();
    assertThat(t.currentSnapshot()).isEmpty();
    assertThat(t.schema().fields()).isEqualTo(SCHEMA.fields());
    assertThat(catalog.listTables("db")).containsExactly(EVENTS);
    assertThat(catalog.loadTable(EVENTS).properties()).containsEntry("owner", "pipelines");
    assertThatThrownBy(() -> catalog.createTable(EVENTS, SCHEMA)).isInstanceOf(TableAlreadyExistsException.class)
        .hasMessageContaining("db.events");
    assertThatThrownBy(() -> catalog.dropNamespace("db")).isInstanceOf(NamespaceNotEmptyException.class);
    assertThat(catalog.dropTable(EVENTS, true)).isTrue();
    assertThat(catalog.tableExists(EVENTS)).isFalse();
    assertThatThrownBy(() -> catalog.loadTable(EVENTS)).isInstanceOf(NoSuchTableException.class)
        .hasMessageContaining("db.events");
    assertThat(catalog.dropTable(EVENTS, true)).isFalse();
    assertThat(catalog.dropNamespace("db")).isTrue();
    assertThat(catalog.listNamespaces()).doesNotContain("db");
    assertThatThrownBy(() -> catalog.createTable(EVENTS, SCHEMA)).isInstanceOf(NoSuchNamespaceException.class);
  }

  @Test
  void appendedRowsAreReadBackWithProjectionAndFilter() {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    Snapshot s1 = t.newAppend().appendRecords(rows(0, 10)).set("job", "etl-1").commit();
    Snapshot s2 = t.newAppend().appendRecords(rows(10, 5)).commit();
    assertThat(s1.parentId()).isEmpty();
    assertThat(s2.parentId()).contains(s1.snapshotId());
    assertThat(s1.summary()).containsEntry("job", "etl-1").containsEntry(Snapshot.ADDED_RECORDS, "10");
    assertThat(s2.summaryLong(Snapshot.TOTAL_RECORDS)).isEqualTo(15);
    assertThat(t.currentSnapshot()).contains(s2);
    assertThat(idList(catalog.loadTable(EVENTS))).isEqualTo(List.copyOf(new java.util.TreeSet<>(range(0, 15))));

    List<Record> some = t.newScan().select("msg", "id").filter(Expressions.lessThan("id", 3)).records().toList();
    assertThat(some).hasSize(3);
    assertThat(some.get(0).schema().columnNames()).containsExactly("msg", "id");
    assertThat(ids(some)).isEqualTo(range(0, 3));
  }

  @Test
  void scanAsOfEverySnapshotAndEveryMomentBetweenCommits() throws Exception {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    List<Snapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      snapshots.add(t.newAppend().appendRecords(rows(i * 10L, 10)).commit());
    }
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot s = snapshots.get(i);
      Set<Long> expected = range(0, (i + 1) * 10L);
      assertThat(ids(t.newScan().useSnapshot(s.snapshotId()).records().toList())).isEqualTo(expected);
      assertThat(ids(t.newScan().asOfTime(s.timestamp()).records().toList())).isEqualTo(expected);
      if (i + 1 < snapshots.size()) {
        Instant justBeforeNext = snapshots.get(i + 1).timestamp().minusMillis(1);
        assertThat(ids(t.newScan().asOfTime(justBeforeNext).records().toList())).isEqualTo(expected);
      }
    }
    Instant beforeFirst = snapshots.get(0).timestamp().minusMillis(1);
    assertThatThrownBy(() -> t.newScan().asOfTime(beforeFirst)).isInstanceOf(NoSuchSnapshotException.class)
        .hasMessageContaining("db.events");
    assertThatThrownBy(() -> t.newScan().asOfTime(Instant.EPOCH)).isInstanceOf(NoSuchSnapshotException.class)
        .hasMessageContaining("did not exist yet");
    assertThatThrownBy(() -> t.newScan().useSnapshot(42)).isInstanceOf(NoSuchSnapshotException.class)
        .hasMessageContaining("db.events").hasMessageContaining("42");
    assertThat(t.snapshots()).extracting(Snapshot::snapshotId)
        .containsExactlyElementsOf(reversedIds(snapshots));
  }

  private static List<Long> reversedIds(List<Snapshot> snapshots) {
    List<Long> out = new ArrayList<>(snapshots.stream().map(Snapshot::snapshotId).toList());
    java.util.Collections.reverse(out);
    return out;
  }

  @Test
  void rollbackMakesAnOlderSnapshotCurrentAndKeepsHistory() throws Exception {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    Snapshot s1 = t.newAppend().appendRecords(rows(0, 3)).commit();
    t.newAppend().appendRecords(rows(3, 3)).commit();
    Instant beforeRollback = clockPast(t.history().get(0).timestamp());
    clockPast(beforeRollback);
    Snapshot back = t.newRollback().toSnapshot(s1.snapshotId()).commit();
    assertThat(back).isEqualTo(s1);
    assertThat(ids(catalog.loadTable(EVENTS).newScan().records())).isEqualTo(range(0, 3));
    assertThat(ids(t.newScan().asOfTime(beforeRollback).records())).isEqualTo(range(0, 6));
    assertThat(t.history()).extracting(HistoryEntry::operation).containsExactly("rollback", "append", "append");

    Snapshot s3 = t.newAppend().appendRecords(rows(100, 1)).commit();
    assertThat(s3.parentId()).contains(s1.snapshotId());
    Set<Long> expected = range(0, 3);
    expected.add(100L);
    assertThat(ids(t.newScan().records())).isEqualTo(expected);
  }

  @Test
  void incrementalScanGivesFilesAndRowsAddedAndRemovedBetweenSnapshots() {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    Snapshot s1 = t.newAppend().appendRecords(rows(0, 2)).commit();
    Snapshot s2 = t.newAppend().appendRecords(rows(2, 3)).commit();
    Snapshot s3 = t.newAppend().appendRecords(rows(5, 1)).commit();
    assertThat(ids(t.newIncrementalScan().fromSnapshot(s1.snapshotId()).toSnapshot(s3.snapshotId())
        .addedRecords())).isEqualTo(range(2, 6));
    assertThat(t.newIncrementalScan().fromSnapshot(s1.snapshotId()).toSnapshot(s3.snapshotId()).removedFiles())
        .isEmpty();
    assertThat(ids(t.newIncrementalScan().toSnapshot(s1.snapshotId()).addedRecords())).isEqualTo(range(0, 2));
    t.newRollback().toSnapshot(s1.snapshotId()).commit();
    Snapshot s4 = t.newAppend().appendRecords(rows(100, 1)).commit();
    var back = t.refresh().newIncrementalScan().fromSnapshot(s3.snapshotId()).toSnapshot(s4.snapshotId());
    assertThat(back.addedFiles()).hasSize(1);
    assertThat(back.removedFiles()).hasSize(2);
    assertThat(ids(back.removedRecords())).isEqualTo(range(2, 6));
    assertThat(ids(back.addedRecords())).containsExactly(100L);
    assertThat(t.newIncrementalScan().fromSnapshot(s2.snapshotId()).addedFiles()).hasSize(1);
  }

  @Test
  void tagsNameSnapshotsForTimeTravel() {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    Snapshot s1 = t.newAppend().appendRecords(rows(0, 2)).commit();
    t.newAppend().appendRecords(rows(2, 2)).commit();
    assertThat(t.manageRefs().createTag("v1.0", s1.snapshotId()).commit()).containsEntry("v1.0", s1.snapshotId());
    Table fresh = catalog.loadTable(EVENTS);
    assertThat(fresh.tags()).containsEntry("v1.0", s1.snapshotId());
    assertThat(ids(fresh.newScan().useTag("v1.0").records())).isEqualTo(range(0, 2));
    assertThatThrownBy(() -> fresh.manageRefs().createTag("v1.0", s1.snapshotId()).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("already has tag");
    assertThatThrownBy(() -> fresh.newScan().useTag("nope")).isInstanceOf(NoSuchSnapshotException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> fresh.manageRefs().createTag("bad", 777).commit())
        .isInstanceOf(NoSuchSnapshotException.class);
    assertThat(fresh.refresh().history()).extracting(HistoryEntry::operation).containsExactly("append", "append");
    fresh.manageRefs().removeTag("v1.0").commit();
    assertThat(catalog.loadTable(EVENTS).tags()).isEmpty();
    assertThat(ids(fresh.newScan().records())).isEqualTo(range(0, 4));
  }

  @Test
  void branchCommitsLeaveMainAloneUntilFastForwarded() {
    Table t = catalog.createTable(EVENTS, SCHEMA, Map.of("checkpoint.interval", "2"));
    Snapshot base = t.newAppend().appendRecords(rows(0, 2)).commit();
    t.manageRefs().createBranch("dev", base.snapshotId()).commit();
    Snapshot d1 = t.newAppend().toBranch("dev").appendRecords(rows(10, 2)).commit();
    Snapshot d2 = t.newAppend().toBranch("dev").appendRecords(rows(20, 2)).commit();
    Snapshot d3 = t.newAppend().toBranch("dev").appendRecords(rows(30, 2)).commit();
    assertThat(d1.parentId()).contains(base.snapshotId());
    assertThat(d3.parentId()).contains(d2.snapshotId());
    Table fresh = catalog.loadTable(EVENTS);
    assertThat(fresh.currentSnapshot()).contains(base);
    assertThat(ids(fresh.newScan().records())).isEqualTo(range(0, 2));
    Set<Long> dev = range(0, 2);
    dev.addAll(range(10, 12));
    dev.addAll(range(20, 22));
    dev.addAll(range(30, 32));
    assertThat(ids(fresh.newScan().useBranch("dev").records())).isEqualTo(dev);
    assertThat(ids(fresh.newScan().useSnapshot(d1.snapshotId()).records())).hasSize(4);
    assertThat(fresh.branches()).containsEntry("dev", d3.snapshotId());

    assertThat(fresh.history()).extracting(HistoryEntry::snapshotId).containsExactly(base.snapshotId());
    assertThat(fresh.manageRefs().fastForward("dev").commit()).containsEntry("main", d3.snapshotId());
    assertThat(fresh.refresh().history()).extracting(HistoryEntry::operation)
        .containsExactly("fast-forward", "append");
    assertThat(ids(catalog.loadTable(EVENTS).newScan().records())).isEqualTo(dev);

    Snapshot m2 = fresh.refresh().newAppend().appendRecords(rows(40, 1)).commit();
    t.refresh().manageRefs().createBranch("old", base.snapshotId()).commit();
    assertThatThrownBy(() -> t.manageRefs().fastForward("old").commit()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("not an ancestor");
    assertThat(catalog.loadTable(EVENTS).currentSnapshot()).contains(m2);
    assertThatThrownBy(() -> t.newAppend().toBranch("nope").appendRecords(rows(50, 1)).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("no branch 'nope'");
    assertThatThrownBy(() -> t.newScan().useBranch("nope")).isInstanceOf(NoSuchSnapshotException.class);
  }

  @Test
  void commitTokenMakesARetriedBatchCommitOnce() {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    Snapshot first = t.newAppend().appendRecords(rows(0, 2)).commitToken("ingest-1:7").commit();
    Snapshot again = catalog.loadTable(EVENTS).newAppend().appendRecords(rows(0, 2)).commitToken("ingest-1:7")
        .commit();
    Snapshot older = t.newAppend().appendRecords(rows(0, 2)).commitToken("ingest-1:3").commit();
    assertThat(again).isEqualTo(first);
    assertThat(older).isEqualTo(first);
    Snapshot next = t.newAppend().appendRecords(rows(2, 2)).commitToken("ingest-1:8").commit();
    assertThat(next).isNotEqualTo(first);
    assertThat(t.refresh().snapshots()).hasSize(2);
    assertThat(idList(t)).containsExactly(0L, 1L, 2L, 3L);
    assertThatThrownBy(() -> t.newAppend().commitToken("no-sequence")).isInstanceOf(ValidationException.class);
  }

  @Test
  void concurrentThreadsAppendWithoutLosingOrDuplicatingCommits() throws Exception {
    catalog.createTable(EVENTS, SCHEMA);
    int threads = 8;
    int perThread = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      long base = w * 1000L;
      futures.add(pool.submit(() -> {
        Table mine = catalog.loadTable(EVENTS);
        for (int i = 0; i < perThread; i++) {
          mine.newAppend().appendRecords(rows(base + i, 1)).commit();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    Table t = catalog.loadTable(EVENTS);
    assertLinearChain(t, threads * perThread);
    List<Long> ids = idList(t);
    assertThat(ids).hasSize(threads * perThread).doesNotHaveDuplicates();
  }

  /** Asserts the table has exactly {@code n} snapshots, each the child of the one before. */
  /**
   * Waits until the wall clock is in a later millisecond than {@code t} (commit times are milliseconds) and
   * returns that millisecond.
   */
  protected static Instant clockPast(Instant t) {
    long now = System.currentTimeMillis();
    while (now <= t.toEpochMilli()) {
      Thread.onSpinWait();
      now = System.currentTimeMillis();
    }
    return Instant.ofEpochMilli(now);
  }

  protected static void assertLinearChain(Table t, int n) {
    List<Snapshot> chain = t.snapshots();
    assertThat(chain).hasSize(n);
    for (int i = 0; i + 1 < chain.size(); i++) {
      assertThat(chain.get(i).parentId()).contains(chain.get(i + 1).snapshotId());
      assertThat(chain.get(i).sequenceNumber()).isEqualTo(chain.get(i + 1).sequenceNumber() + 1);
      assertThat(chain.get(i).timestampMillis()).isGreaterThan(chain.get(i + 1).timestampMillis());
    }
    assertThat(chain.get(chain.size() - 1).parentId()).isEmpty();
    assertThat(chain.stream().map(Snapshot::snapshotId).collect(Collectors.toSet())).hasSize(n);
  }

  /** Pointer store whose next swap loses its response: optionally applied first, then an unknown outcome. */
  protected static final class LostResponse extends ForwardingPointerStore {
    volatile boolean armed;
    volatile boolean applyBeforeFailing;
    volatile boolean failReads;

    LostResponse(Storage inner) {
      super(inner.pointers());
    }

    @Override
    public Pointer swap(String location, String expectedToken, byte[] bytes) {
      if (armed) {
        armed = false;
        if (applyBeforeFailing) {
          super.swap(location, expectedToken, bytes);
        }
        throw new CommitStateUnknownException("injected: connection reset after sending the pointer swap", null);
      }
      return super.swap(location, expectedToken, bytes);
    }

    @Override
    public java.util.Optional<Pointer> read(String location) {
      if (failReads) {
        throw new StorageException("read pointer", location, new java.io.IOException("injected outage"));
      }
      return super.read(location);
    }
  }

  private Catalog catalogWith(LostResponse pointers) {
    return WarehouseCatalog.of(new Storage(storage.objects(), pointers, storage.root()), Map.of());
  }

  @Test
  void lostResponseOfAnAppliedSwapCountsAsCommittedExactlyOnce() {
    catalog.createTable(EVENTS, SCHEMA);
    LostResponse pointers = new LostResponse(storage);
    Table t = catalogWith(pointers).loadTable(EVENTS);
    t.newAppend().appendRecords(rows(0, 1)).commit();
    pointers.armed = true;
    pointers.applyBeforeFailing = true;
    Snapshot s = t.newAppend().appendRecords(rows(1, 1)).commit();
    assertThat(pointers.armed).isFalse();
    Table fresh = catalog.loadTable(EVENTS);
    assertThat(fresh.currentSnapshot()).contains(s);
    assertLinearChain(fresh, 2);
    assertThat(idList(fresh)).containsExactly(0L, 1L);
  }

  @Test
  void lostResponseOfASwapThatDidNotApplyIsRetriedOnce() {
    catalog.createTable(EVENTS, SCHEMA);
    LostResponse pointers = new LostResponse(storage);
    Table t = catalogWith(pointers).loadTable(EVENTS);
    pointers.armed = true;
    pointers.applyBeforeFailing = false;
    Snapshot s = t.newAppend().appendRecords(rows(0, 2)).commit();
    Table fresh = catalog.loadTable(EVENTS);
    assertThat(fresh.currentSnapshot()).contains(s);
    assertLinearChain(fresh, 1);
    assertThat(idList(fresh)).containsExactly(0L, 1L);
  }

  @Test
  void unsettledOutcomeIsReportedAndNothingIsCleanedUp() {
    catalog.createTable(EVENTS, SCHEMA);
    LostResponse pointers = new LostResponse(storage);
    Table t = catalogWith(pointers).loadTable(EVENTS);
    List<String> before = tableObjects();
    pointers.armed = true;
    pointers.applyBeforeFailing = true;
    pointers.failReads = true;
    assertThatThrownBy(() -> t.newAppend().appendRecords(rows(0, 1)).commit())
        .isInstanceOf(CommitStateUnknownException.class)
        .hasMessageContaining("db.events").hasMessageContaining("Do not clean up");
    pointers.failReads = false;
    List<String> after = tableObjects();
    assertThat(after).containsAll(before);
    assertThat(after.size()).isGreaterThan(before.size()); // data, log record and metadata are all kept
    assertThat(idList(catalog.loadTable(EVENTS))).containsExactly(0L); // it had in fact landed
  }

  @Test
  void steadyStateAppendMakesAtMostFourStorageOperations() {
    catalog.createTable(EVENTS, SCHEMA);
    CountingStorage counting = new CountingStorage(storage);
    Table t = WarehouseCatalog.of(counting.storage(), Map.of()).loadTable(EVENTS);
    t.newAppend().appendRecords(rows(0, 1)).commit(); // warms the client
    DataFile file;
    try (DataWriter w = t.newDataWriter()) {
      rows(1, 1).forEach(w::write);
      file = w.complete();
    }
    counting.reset();
    t.newAppend().appendFile(file).commit();
    List<CountingStorage.Op> ops = counting.ops();
    assertThat(ops).extracting(CountingStorage.Op::kind).containsExactly("PUT", "PUT", "CAS-POINTER");
    // the log record and the metadata file are written side by side (either may start first)
    assertThat(ops.subList(0, 2)).extracting(CountingStorage.Op::location)
        .anyMatch(l -> l.contains("/log/")).anyMatch(l -> l.contains("/metadata/"));
    assertThat(ops.size()).isLessThanOrEqualTo(4);
  }

  /** Object store whose log-record writes are slow, or fail; notes which log records are fully stored. */
  private static final class SlowLogRecords extends ForwardingObjectStore {
    final Set<String> stored = ConcurrentHashMap.newKeySet();
    final Set<String> started = ConcurrentHashMap.newKeySet();
    volatile boolean fail;

    SlowLogRecords(Storage inner) {
      super(inner.objects());
    }

    @Override
    public void putIfAbsent(String location, byte[] bytes) {
      if (!location.contains("/log/")) {
        super.putIfAbsent(location, bytes);
        return;
      }
      started.add(location);
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) {
        throw new StorageException("put", location, new java.io.IOException("injected: log record write failed"));
      }
      super.putIfAbsent(location, bytes);
      stored.add(location);
    }
  }

  @Test
  void pointerNeverNamesALogRecordThatIsNotStoredYet() {
    catalog.createTable(EVENTS, SCHEMA);
    SlowLogRecords objects = new SlowLogRecords(storage);
    List<String> unstoredAtSwap = new CopyOnWriteArrayList<>();
    ForwardingPointerStore pointers = new ForwardingPointerStore(storage.pointers()) {
      @Override
      public Pointer swap(String location, String expectedToken, byte[] bytes) {
        objects.started.stream().filter(l -> !objects.stored.contains(l)).forEach(unstoredAtSwap::add);
        return super.swap(location, expectedToken, bytes);
      }
    };
    Table t = WarehouseCatalog.of(new Storage(objects, pointers, storage.root()), Map.of()).loadTable(EVENTS);
    t.newAppend().appendRecords(rows(0, 2)).commit();
    t.newAppend().appendRecords(rows(2, 1)).commit();
    assertThat(objects.stored).hasSize(2);
    assertThat(unstoredAtSwap).as("log records the swap would have published before they were stored").isEmpty();
    assertThat(idList(catalog.loadTable(EVENTS))).containsExactly(0L, 1L, 2L);
  }

  @Test
  void failedLogRecordWriteFailsTheCommitWithNothingSwapped() {
    catalog.createTable(EVENTS, SCHEMA);
    catalog.loadTable(EVENTS).newAppend().appendRecords(rows(0, 1)).commit();
    SlowLogRecords objects = new SlowLogRecords(storage);
    objects.fail = true;
    Table t = WarehouseCatalog.of(new Storage(objects, storage.pointers(), storage.root()), Map.of())
        .loadTable(EVENTS);
    long version = catalog.loadTable(EVENTS).currentSnapshot().orElseThrow().sequenceNumber();
    assertThatThrownBy(() -> t.newAppend().appendRecords(rows(1, 1)).commit())
        .isInstanceOf(StorageException.class).hasMessageContaining("log record write failed");
    Table fresh = catalog.loadTable(EVENTS);
    assertThat(fresh.currentSnapshot().orElseThrow().sequenceNumber()).isEqualTo(version);
    assertThat(idList(fresh)).containsExactly(0L);
    objects.fail = false;
    t.newAppend().appendRecords(rows(1, 1)).commit(); // the same handle commits once storage recovers
    assertThat(idList(catalog.loadTable(EVENTS))).containsExactly(0L, 1L);
  }

  @Test
  void filterSkipsFilesWhoseStatsExcludeIt() {
    catalog.createTable(EVENTS, SCHEMA);
    for (int i = 0; i < 8; i++) {
      catalog.loadTable(EVENTS).newAppend().appendRecords(rows(i * 100L, 50)).commit();
    }
    CountingStorage counting = new CountingStorage(storage);
    Table t = WarehouseCatalog.of(counting.storage(), Map.of()).loadTable(EVENTS);
    assertThat(t.newScan().filter(Expressions.equal("id", 310)).planFiles().toList()).hasSize(1);
    counting.reset();
    List<Record> hit = t.newScan().filter(Expressions.and(Expressions.greaterThanOrEqual("id", 305),
        Expressions.lessThan("id", 307))).records().toList();
    assertThat(ids(hit)).containsExactlyInAnyOrder(305L, 306L);
    assertThat(counting.ops().stream().filter(o -> o.location().endsWith(".parquet")
        && o.kind().equals("GET")).map(CountingStorage.Op::location).distinct()).hasSize(1);
    counting.reset();
    assertThat(t.newScan().filter(Expressions.greaterThan("id", 10_000)).records().toList()).isEmpty();
    assertThat(counting.countAt("GET", ".parquet")).isZero();
  }

  @Test
  void invalidRowsAreRejectedAndNothingIsWritten() {
    Table t = catalog.createTable(EVENTS, SCHEMA);
    t.newAppend().appendRecords(rows(0, 1)).commit();
    List<String> before = tableObjects();
    long version = t.version();

    List<Record> nullInRequired = List.of(GenericRecord.of(SCHEMA, null, Instant.EPOCH, "x"));
    assertThatThrownBy(() -> t.newAppend().appendRecords(nullInRequired).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("db.events").hasMessageContaining("id");

    Schema other = Schema.parse("id long not null, name string");
    List<Record> wrongSchema = List.of(GenericRecord.of(other, 1L, "x"));
    assertThatThrownBy(() -> t.newAppend().appendRecords(wrongSchema).commit())
        .isInstanceOf(ValidationException.class).hasMessageContaining("db.events");

    assertThatThrownBy(() -> GenericRecord.of(SCHEMA, "not-a-number", Instant.EPOCH, "x"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("id");
    assertThatThrownBy(() -> t.newAppend().commit()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("nothing to append");
    assertThatThrownBy(() -> t.newScan().filter(Expressions.equal("nope", 1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> t.newRollback().toSnapshot(12345).commit())
        .isInstanceOf(NoSuchSnapshotException.class).hasMessageContaining("12345");

    assertThat(tableObjects()).isEqualTo(before);
    assertThat(catalog.loadTable(EVENTS).version()).isEqualTo(version);
  }

  @Test
  void badNamesAreRefusedBeforeTouchingStorage() {
    for (String bad : List.of("a/b", "..", "../x", "x\u0001y", "", "_pointer", "a.b", "a b")) {
      assertThatThrownBy(() -> TableId.of("db", bad)).as(bad).isInstanceOf(ValidationException.class)
          .hasMessageContaining("Table name");
      assertThatThrownBy(() -> catalog.createNamespace(bad)).as(bad).isInstanceOf(ValidationException.class)
          .hasMessageContaining("Namespace name");
    }
    assertThat(catalog.listNamespaces()).containsExactly("db");
  }

  private String currentMetadataLocation() {
    String pointer = storage.objects().resolve(storage.root(), "db/events/_pointer");
    byte[] bytes = storage.pointers().read(pointer).orElseThrow().bytes();
    return dev.snaplog.manifest.PointerFile.fromBytes(bytes, new dev.snaplog.manifest.TableLocations(
        storage.objects(), storage.objects().resolve(storage.root(), "db/events"))).metadataLocation();
  }

  @Test
  void pointerNamingAMissingMetadataFileIsReportedAsCorrupt() {
    catalog.createTable(EVENTS, SCHEMA).newAppend().appendRecords(rows(0, 1)).commit();
    String metadata = currentMetadataLocation();
    storage.objects().delete(metadata);
    assertThatThrownBy(() -> catalog.loadTable(EVENTS))
        .isInstanceOf(dev.snaplog.core.exceptions.CorruptTableException.class)
        .hasMessageContaining("db.events").hasMessageContaining(metadata).hasMessageContaining("missing");
  }

  @Test
  void truncatedMetadataFileIsReportedAsCorrupt() {
    catalog.createTable(EVENTS, SCHEMA).newAppend().appendRecords(rows(0, 1)).commit();
    String metadata = currentMetadataLocation();
    byte[] whole = storage.objects().newInputFile(metadata).readAllBytes();
    storage.objects().delete(metadata);
    storage.objects().putIfAbsent(metadata, java.util.Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> catalog.loadTable(EVENTS))
        .isInstanceOf(dev.snaplog.core.exceptions.CorruptTableException.class)
        .hasMessageContaining("db.events").hasMessageContaining(metadata).hasMessageContaining("truncated");
  }
}
