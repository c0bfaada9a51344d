package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.CommitFencedException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.NoSuchNamespaceException;
import dev.snaplog.core.exceptions.NoSuchTableException;
import dev.snaplog.core.exceptions.NamespaceNotEmptyException;
import dev.snaplog.core.exceptions.TableReplacedException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.io.ForwardingPointerStore;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What keeps a table whole around its commit protocol, for any store: maintenance deletes only the table's
 * own objects, a handle never commits into a re-created table, namespace drops race safely with table
 * creation, orphan removal fences in-flight commits, commit times follow the store's clock, and commit
 * results say what happened.
 */
public abstract class TableSafetySuite {
  private static final Schema SCHEMA = TableBehaviourSuite.SCHEMA;
  private static final TableId A = TableId.of("db", "a");
  private static final TableId B = TableId.of("db", "b");

  /** A new, empty warehouse. */
  protected abstract Storage openStorage();

  /** A location outside the warehouse of {@code storage}, in the same store. */
  protected abstract String outsideWarehouse(Storage storage, String name);

  private Storage storage;
  private Catalog catalog;

  @BeforeEach
  void setUp() {
    storage = openStorage();
    catalog = WarehouseCatalog.of(storage, Map.of());
    catalog.createNamespace("db");
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  private DataFile writeFile(Table t, long firstId, int rows) {
    try (DataWriter w = t.newDataWriter()) {
      TableBehaviourSuite.rows(firstId, rows).forEach(w::write);
      return w.complete();
    }
  }

  @Test
  void maintenanceDeletesOnlyTheTablesOwnFilesAndOtherTablesFilesAreRefused() {
    Table a = catalog.createTable(A, SCHEMA);
    Table b = catalog.createTable(B, SCHEMA);
    b.newAppend().appendRecords(TableBehaviourSuite.rows(0, 5)).commit();
    String bFile = b.newScan().planFiles().toList().get(0).file().location();
    DataFile bEntry = b.newScan().planFiles().toList().get(0).file();

    assertThatThrownBy(() -> a.newAppend().appendFile(bEntry)).isInstanceOf(ValidationException.class)
        .hasMessageContaining(bFile).hasMessageContaining("data folder");
    String aMetadata = storage.objects().list(a.location()).get(0).location();
    DataFile disguised = new DataFile(aMetadata, DataFile.PARQUET, 1, 10, Map.of());
    assertThatThrownBy(() -> a.newAppend().appendFile(disguised)).isInstanceOf(ValidationException.class);
    DataFile escaping = new DataFile(a.location() + "/data/../../b/" + bFile.substring(bFile.lastIndexOf("data/")),
        DataFile.PARQUET, 5, 10, Map.of());
    assertThatThrownBy(() -> a.newAppend().appendFile(escaping)).isInstanceOf(ValidationException.class);

    String outside = outsideWarehouse(storage, "external-" + System.nanoTime() + ".parquet");
    DataFile external;
    try (DataWriter w = ParquetFormat.newWriter(storage.objects().newOutputFile(outside), SCHEMA, "external")) {
      TableBehaviourSuite.rows(100, 3).forEach(w::write);
      external = w.complete();
    }
    Snapshot first = a.newAppend().appendRecords(TableBehaviourSuite.rows(50, 2)).commit();
    a.newAppend().appendFile(external).commit();
    assertThat(TableBehaviourSuite.idList(a)).containsExactly(50L, 51L, 100L, 101L, 102L);
    a.newRollback().toSnapshot(first.snapshotId()).commit();
    a.newAppend().appendRecords(TableBehaviourSuite.rows(60, 1)).commit();
    a.expireSnapshots().retainLast(1).commit();
    a.removeOrphanFiles().olderThan(Instant.now().plusSeconds(3600)).execute();

    assertThat(storage.objects().exists(outside)).as("an external file is never deleted").isTrue();
    assertThat(storage.objects().exists(bFile)).isTrue();
    assertThat(b.verify().problems()).isEmpty();
    assertThat(a.verify().problems()).isEmpty();
    assertThat(TableBehaviourSuite.idList(catalog.loadTable(A))).containsExactly(50L, 51L, 60L);
  }

  @Test
  void aHandleNeverCommitsIntoATableThatWasDroppedAndCreatedAgain() {
    for (boolean purge : new boolean[] {true, false}) {
      Table old = catalog.createTable(A, SCHEMA);
      old.newAppend().appendRecords(TableBehaviourSuite.rows(0, 3)).commit();
      var append = old.newAppend().appendRecords(TableBehaviourSuite.rows(10, 3)); // in flight

      catalog.dropTable(A, purge);
      Schema other = Schema.parse("id long not null, amount decimal(10,2)");
      catalog.createTable(A, other);

      assertThatThrownBy(append::commit).isInstanceOf(TableReplacedException.class)
          .isInstanceOf(NoSuchTableException.class).hasMessageContaining("dropped and created again");
      assertThatThrownBy(() -> old.newAppend().appendRecords(TableBehaviourSuite.rows(20, 1)).commit())
          .isInstanceOf(TableReplacedException.class);
      Table fresh = catalog.loadTable(A);
      assertThat(fresh.version()).as("purge=" + purge).isZero();
      assertThat(fresh.currentSnapshot()).isEmpty();
      assertThat(fresh.schema().fields()).isEqualTo(other.fields());
      assertThat(fresh.verify().problems()).isEmpty();
      catalog.dropTable(A, true);
    }
  }

  @Test
  void droppingANamespaceWhileATableIsCreatedNeverLeavesATableWithoutItsNamespace() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int bothSucceeded = 0;
    try {
      for (int trial = 0; trial < 30; trial++) {
        String ns = "race" + trial;
        catalog.createNamespace(ns);
        TableId id = TableId.of(ns, "t");
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Boolean> create = pool.submit(() -> {
          start.await();
          try {
            catalog.createTable(id, SCHEMA);
            return true;
          } catch (NoSuchNamespaceException e) {
            return false;
          }
        });
        Future<Boolean> drop = pool.submit(() -> {
          start.await();
          try {
            return catalog.dropNamespace(ns);
          } catch (NamespaceNotEmptyException e) {
            return false;
          }
        });
        boolean created = create.get();
        boolean dropped = drop.get();
        if (created && dropped) {
          bothSucceeded++;
        }
        boolean tableThere = catalog.tableExists(id);
        boolean namespaceThere = catalog.namespaceExists(ns);
        assertThat(!tableThere || namespaceThere).as("trial %d: a table exists without its namespace", trial)
            .isTrue();
        if (namespaceThere) {
          assertThat(catalog.listNamespaces()).contains(ns);
          assertThat(catalog.listTables(ns).contains(id)).isEqualTo(tableThere);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(bothSucceeded).as("a create and a drop of its namespace cannot both succeed").isZero();
  }

  @Test
  void writerMarksStayBoundedAndTheNewestWritersStayExactlyOnce() throws Exception {
    Table t = catalog.createTable(A, SCHEMA, Map.of(TableProperties.COMMIT_TOKEN_MAX_WRITERS, "5"));
    for (int i = 0; i < 20; i++) {
      t.newAppend().appendRecords(TableBehaviourSuite.rows(i, 1)).commitToken("writer-" + i + ":1").commit();
    }
    for (int i = 15; i < 20; i++) {
      CommitResult again = t.newAppend().appendRecords(TableBehaviourSuite.rows(100 + i, 1))
          .commitToken("writer-" + i + ":1").commitWithResult();
      assertThat(again.duplicate()).as("writer-%d is among the 5 newest", i).isTrue();
    }
    CommitResult forgotten = t.newAppend().appendRecords(TableBehaviourSuite.rows(200, 1))
        .commitToken("writer-0:1").commitWithResult();
    assertThat(forgotten.duplicate()).as("writer-0 fell out of the remembered window").isFalse();
    List<dev.snaplog.core.io.ObjectInfo> metadata = storage.objects().list(t.location() + "/metadata");
    String newest = metadata.get(metadata.size() - 1).location();
    var json = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(storage.objects().readIfExists(newest).orElseThrow());
    assertThat(json.get("writers").size()).as("writer marks in " + newest).isEqualTo(5);
  }

  @Test
  void aDuplicateNamesTheTokenItMatchedAndAFreshCommitIsNeverCalledADuplicate() {
    Table t = catalog.createTable(A, SCHEMA);
    List<CommitResult> results = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      results.add(t.newAppend().appendRecords(TableBehaviourSuite.rows(i, 1)).commitToken("loader:" + i)
          .commitWithResult());
    }
    results.forEach(r -> assertThat(r.duplicate()).isFalse());
    assertThat(results.get(3).version()).isEqualTo(4);
    CommitResult replay = t.newAppend().appendRecords(TableBehaviourSuite.rows(1, 1)).commitToken("loader:1")
        .commitWithResult();
    assertThat(replay.duplicate()).isTrue();
    assertThat(replay.matchedToken()).contains("loader:4");
    assertThat(replay.snapshot().snapshotId()).isEqualTo(results.get(3).snapshot().snapshotId());
    assertThat(t.newAppend().commitToken("loader:2").alreadyCommitted()).map(CommitResult::matchedToken)
        .contains(Optional.of("loader:4"));
    assertThat(t.newAppend().commitToken("loader:5").alreadyCommitted()).isEmpty();
  }

  @Test
  void aCommitWhoseSwapResponseWasLostAndWhosePointerReadsLagIsReportedAsItsOwnCommit() {
    AtomicBoolean loseNext = new AtomicBoolean();
    AtomicInteger staleReads = new AtomicInteger();
    Map<String, Pointer> before = new ConcurrentHashMap<>();
    Storage faulty = new Storage(storage.objects(), new ForwardingPointerStore(storage.pointers()) {
      @Override
      public Optional<Pointer> read(String location) {
        if (staleReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0 && before.containsKey(location)) {
          return Optional.of(before.get(location)); // a read that lags behind the swap
        }
        return super.read(location);
      }

      @Override
      public Pointer swap(String location, String expectedToken, byte[] bytes) {
        if (loseNext.getAndSet(false)) {
          before.put(location, super.read(location).orElseThrow());
          super.swap(location, expectedToken, bytes);
          staleReads.set(1);
          throw new CommitStateUnknownException("response lost", null, null, null);
        }
        return super.swap(location, expectedToken, bytes);
      }
    }, storage.root());
    Catalog faultyCatalog = WarehouseCatalog.of(faulty, Map.of());
    Table t = faultyCatalog.createTable(A, SCHEMA);
    t.newAppend().appendRecords(TableBehaviourSuite.rows(0, 1)).commitToken("loader:1").commit();
    Table other = catalog.loadTable(A);

    loseNext.set(true);
    CommitResult r = t.newAppend().appendRecords(TableBehaviourSuite.rows(1, 2)).commitToken("loader:2")
        .commitWithResult();
    other.newAppend().appendRecords(TableBehaviourSuite.rows(50, 1)).commit(); // someone commits after

    assertThat(r.duplicate()).as("our own commit, recognised after an unknown outcome").isFalse();
    assertThat(r.matchedToken()).isEmpty();
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.snapshot().summary()).containsEntry(Snapshot.COMMIT_TOKEN, "loader:2");
    Table fresh = catalog.loadTable(A);
    assertThat(TableBehaviourSuite.idList(fresh)).containsExactly(0L, 1L, 2L, 50L);
    assertThat(fresh.snapshot(r.snapshot().snapshotId()).summary()).containsEntry(Snapshot.ADDED_RECORDS, "2");
  }

  @Test
  void orphanRemovalAtNowFencesAnInFlightAppendInsteadOfDeletingItsFile() {
    Table t = catalog.createTable(A, SCHEMA);
    t.newAppend().appendRecords(TableBehaviourSuite.rows(0, 3)).commit();
    DataFile inFlight = writeFile(t, 10, 3);
    var append = t.newAppend().appendFile(inFlight);
    StoreClock.awaitPastSecondOf(storage, t.location(), inFlight.location());

    List<String> removed = catalog.loadTable(A).removeOrphanFiles().olderThan(Instant.now()).execute();
    assertThat(removed).contains(inFlight.location());
    assertThatThrownBy(append::commit).isInstanceOf(CommitFencedException.class)
        .hasMessageContaining(inFlight.location()).hasMessageContaining("orphan horizon");

    Table fresh = catalog.loadTable(A);
    assertThat(fresh.verify().problems()).isEmpty();
    assertThat(TableBehaviourSuite.idList(fresh)).containsExactly(0L, 1L, 2L);
    DataFile later = writeFile(fresh, 20, 2); // written after the horizon: commits normally
    fresh.newAppend().appendFile(later).commit();
    assertThat(TableBehaviourSuite.idList(catalog.loadTable(A))).containsExactly(0L, 1L, 2L, 20L, 21L);
  }

  @Test
  void orphanRemovalFromAHostWhoseClockRunsDaysAheadCannotDeleteWhatACommitThenReferences() {
    Table t = catalog.createTable(A, SCHEMA);
    DataFile inFlight = writeFile(t, 0, 2);
    var append = t.newAppend().appendFile(inFlight);
    // the host thinks it is 4 days later: its default 3-day age would reach 1 day into the store's future
    Instant skewedCutoff = Instant.now().plus(Duration.ofDays(4)).minus(Duration.ofDays(3));
    StoreClock.awaitPastSecondOf(storage, t.location(), inFlight.location());
    catalog.loadTable(A).removeOrphanFiles().olderThan(skewedCutoff).execute();
    assertThatThrownBy(append::commit).isInstanceOf(CommitFencedException.class);
    Table fresh = catalog.loadTable(A);
    assertThat(fresh.verify().problems()).isEmpty();
    DataFile next = writeFile(fresh, 5, 1);
    fresh.newAppend().appendFile(next).commit();
    assertThat(catalog.loadTable(A).verify().problems()).isEmpty();
  }

  @Test
  void writersAndOrphanRemovalAtNowRunningTogetherLoseNothingAcknowledged() throws Exception {
    catalog.createTable(A, SCHEMA, Map.of("checkpoint.interval", "4"));
    int writers = 3;
    // -Dsnaplog.safety.appends=N runs a longer stretch (N appends per writer)
    // 30 each: with fewer, a writer rarely loses a race while an expiry runs, which once broke outcome checks
    int appendsEach = Integer.getInteger("snaplog.safety.appends", 30);
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger fenced = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        long base = w * 1000L;
        work.add(pool.submit(() -> {
          Table t = catalog.loadTable(A);
          for (int i = 0; i < appendsEach; i++) {
            long id = base + i;
            DataFile f = writeFile(t, id, 1);
            try {
              t.newAppend().appendFile(f).commit();
              acknowledged.add(id);
            } catch (CommitFencedException e) {
              fenced.incrementAndGet();
            }
          }
          return null;
        }));
      }
      Future<Integer> maintenance = pool.submit(() -> {
        Table t = catalog.loadTable(A);
        int runs = 0;
        while (writing.get() || runs == 0) {
          t.removeOrphanFiles().olderThan(Instant.now()).execute();
          t.expireSnapshots().retainLast(2).commit();
          runs++;
        }
        return runs;
      });
      for (Future<?> f : work) {
        f.get();
      }
      writing.set(false);
      assertThat(maintenance.get()).isPositive();
    } finally {
      pool.shutdownNow();
    }
    Table t = catalog.loadTable(A);
    assertThat(t.verify().problems()).isEmpty();
    assertThat(Set.copyOf(TableBehaviourSuite.idList(t))).isEqualTo(acknowledged);
    assertThat(acknowledged.size() + fenced.get()).isEqualTo(writers * appendsEach);
  }

  @Test
  void aWriterWhoseClockRunsHoursAheadOfTheStoreCannotDateACommitIntoTheFuture() {
    long skew = Duration.ofHours(3).toMillis();
    Storage behind = new Storage(storage.objects(), new ForwardingPointerStore(storage.pointers()) {
      private Pointer behind(Pointer p) {
        return Pointer.observedAt(p.bytes(), p.token(), System.currentTimeMillis() - skew);
      }

      @Override
      public Optional<Pointer> read(String location) {
        return super.read(location).map(this::behind);
      }

      @Override
      public Pointer create(String location, byte[] bytes) {
        return behind(super.create(location, bytes));
      }

      @Override
      public Pointer swap(String location, String expectedToken, byte[] bytes) {
        return behind(super.swap(location, expectedToken, bytes));
      }
    }, storage.root());
    Catalog skewed = WarehouseCatalog.of(behind, Map.of());
    Table t = skewed.createTable(A, SCHEMA);
    long storeNowBefore = System.currentTimeMillis() - skew;
    Snapshot s = t.newAppend().appendRecords(TableBehaviourSuite.rows(0, 2)).commit();
    long storeNowAfter = System.currentTimeMillis() - skew;
    assertThat(s.timestampMillis()).isBetween(storeNowBefore - 2_000, storeNowAfter + 2_000);
    Snapshot s2 = t.newAppend().appendRecords(TableBehaviourSuite.rows(2, 1)).commit();
    assertThat(s2.timestampMillis()).isGreaterThan(s.timestampMillis());
    assertThat(TableBehaviourSuite.ids(t.newScan().asOfTime(Instant.ofEpochMilli(storeNowAfter + 2_000))
        .records().toList())).as("'as of now' by the store's clock sees the commit").contains(0L, 1L);
  }

  @Test
  void verifyReadsEveryDataFilesFooterAndFindsATruncatedFile() throws Exception {
    Table t = catalog.createTable(A, SCHEMA);
    for (int i = 0; i < 3; i++) {
      t.newAppend().appendRecords(TableBehaviourSuite.rows(i * 10L, 10)).commit();
    }
    assertThat(t.verify().ok()).isTrue();
    assertThat(t.verify(true).ok()).isTrue();
    String victim = t.newScan().planFiles().toList().get(1).file().location();
    byte[] bytes;
    try (var in = storage.objects().newInputFile(victim).newStream()) {
      bytes = in.readNBytes(100);
    }
    storage.objects().delete(victim);
    storage.objects().putIfAbsent(victim, bytes);
    var report = t.verify();
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0)).contains(victim).contains("damaged");
    assertThat(t.verify(true).problems()).hasSize(1);
  }

  @Test
  void aLostUpdateOnAStoreWhoseSwapIsNotAtomicIsReportedLoudly() {
    // a store that ignores the expected token: what a non-atomic If-Match amounts to under a race
    Storage blind = new Storage(storage.objects(), new ForwardingPointerStore(storage.pointers()) {
      @Override
      public Pointer swap(String location, String expectedToken, byte[] bytes) {
        return super.swap(location, super.read(location).orElseThrow().token(), bytes);
      }
    }, storage.root());
    Catalog blindCatalog = WarehouseCatalog.of(blind, Map.of());
    blindCatalog.createTable(A, SCHEMA).newAppend().appendRecords(TableBehaviourSuite.rows(0, 1)).commit();
    Table first = blindCatalog.loadTable(A);
    Table second = blindCatalog.loadTable(A);
    first.newAppend().appendRecords(TableBehaviourSuite.rows(10, 1)).commit();
    second.newAppend().appendRecords(TableBehaviourSuite.rows(20, 1)).commit(); // overwrites the first's version

    assertThatThrownBy(first::refresh).isInstanceOf(dev.snaplog.core.exceptions.CorruptTableException.class)
        .hasMessageContaining("Lost update").hasMessageContaining("version 2");
  }
}
