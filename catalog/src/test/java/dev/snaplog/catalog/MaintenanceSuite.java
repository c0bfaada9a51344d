package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.VerifyReport;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.core.io.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry, orphan removal and verification, for any store. Small checkpoint and index sizes exercise both. */
public abstract class MaintenanceSuite {
  private static final Map<String, String> SMALL = Map.of("checkpoint.interval", "4", "history.leaf-size", "5");

  protected abstract Storage openStorage();

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

  private Table table() {
    return catalog.createTable(TableBehaviourSuite.EVENTS, TableBehaviourSuite.SCHEMA, SMALL);
  }

  private static Set<Long> ids(Table t, long snapshotId) {
    return TableBehaviourSuite.ids(t.newScan().useSnapshot(snapshotId).records().toList());
  }

  @Test
  void expiryKeepsEveryRetainedAndTaggedSnapshotWholeAndDeletesOnlyDeadFiles() {
    Table t = table();
    List<Snapshot> s = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      s.add(t.newAppend().appendRecords(TableBehaviourSuite.rows(i * 10L, 10)).commit());
    }
    t.manageRefs().createTag("early", s.get(2).snapshotId()).commit();
    t.newRollback().toSnapshot(s.get(17).snapshotId()).commit(); // files of 18..21 become dead
    List<Snapshot> after = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      after.add(t.newAppend().appendRecords(TableBehaviourSuite.rows(1000 + i * 10L, 10)).commit());
    }
    List<String> deadFiles = t.newScan().useSnapshot(s.get(21).snapshotId()).planFiles().toList().stream()
        .map(task -> task.file().location()).filter(l -> !t.newScan().planFiles().toList().stream()
            .anyMatch(k -> k.file().location().equals(l))).toList();
    assertThat(deadFiles).hasSize(4);

    ExpireSnapshots.Result dry = t.expireSnapshots().retainLast(3).apply();
    ExpireSnapshots.Result r = t.expireSnapshots().retainLast(3).commit();
    assertThat(dry.expiredVersions()).as("the dry run predicts the expiry").isEqualTo(r.expiredVersions());
    assertThat(dry.oldestRetainedVersion()).isEqualTo(r.oldestRetainedVersion());
    assertThat(r.expiredVersions()).isGreaterThan(20);
    assertThat(r.deletedDataFiles()).isEqualTo(4);
    for (String dead : deadFiles) {
      assertThat(storage.objects().exists(dead)).as(dead).isFalse();
    }
    Table fresh = catalog.loadTable(TableBehaviourSuite.EVENTS);
    Set<Long> current = TableBehaviourSuite.range(0, 180);
    for (int i = 0; i < 3; i++) {
      current.addAll(TableBehaviourSuite.range(1000 + i * 10L, 1010 + i * 10L));
      Set<Long> expected = Set.copyOf(current);
      assertThat(ids(fresh, after.get(i).snapshotId())).isEqualTo(expected);
    }
    assertThat(TableBehaviourSuite.ids(fresh.newScan().useTag("early").records().toList()))
        .isEqualTo(TableBehaviourSuite.range(0, 30));
    assertThatThrownBy(() -> fresh.newScan().useSnapshot(s.get(10).snapshotId()))
        .isInstanceOf(NoSuchSnapshotException.class);
    assertThatThrownBy(() -> fresh.newScan().asOfTime(s.get(10).timestamp()))
        .isInstanceOf(NoSuchSnapshotException.class);
    VerifyReport report = fresh.verify();
    assertThat(report.problems()).isEmpty();
    assertThat(fresh.expireSnapshots().retainLast(3).commit().expiredVersions()).isZero();
    assertThat(fresh.removeOrphanFiles().olderThan(Instant.now().plusSeconds(60)).dryRun(true).execute())
        .as("expiry left no orphan behind").isEmpty();
  }

  @Test
  void orphanRemovalSparesYoungFilesOfInFlightCommitsAndDeletesOldUnreferencedOnes() throws Exception {
    Table t = table();
    for (int i = 0; i < 6; i++) {
      t.newAppend().appendRecords(TableBehaviourSuite.rows(i * 10L, 10)).commit();
    }
    DataFile inFlight;
    try (DataWriter w = t.newDataWriter()) {
      TableBehaviourSuite.rows(500, 5).forEach(w::write);
      inFlight = w.complete();
    }
    StoreClock.awaitPastSecondOf(storage, t.location(), inFlight.location());
    assertThat(t.removeOrphanFiles().execute()).as("default safety age spares fresh files").isEmpty();
    assertThat(storage.objects().exists(inFlight.location())).isTrue();
    awaitNextWholeSecondAfter(storage.objects().stat(inFlight.location()).orElseThrow().lastModifiedMillis());

    List<String> wouldGo = t.removeOrphanFiles().olderThan(Instant.now().plusSeconds(60)).dryRun(true).execute();
    assertThat(wouldGo).containsExactly(inFlight.location());
    assertThat(storage.objects().exists(inFlight.location())).isTrue();

    t.newAppend().appendFile(inFlight).commit(); // the in-flight commit lands after all
    assertThat(t.removeOrphanFiles().olderThan(Instant.now().plusSeconds(60)).execute()).isEmpty();
    assertThat(t.verify().problems()).isEmpty();
    assertThat(TableBehaviourSuite.idList(catalog.loadTable(TableBehaviourSuite.EVENTS))).hasSize(65);
  }

  /**
   * Orphan cut-offs fall on whole seconds (S3 stamps Last-Modified in seconds), so a file counts as older than
   * "now" only once the clock has entered a later second than the one it was written in.
   */
  private static void awaitNextWholeSecondAfter(long millis) throws InterruptedException {
    while (System.currentTimeMillis() / 1000 <= millis / 1000) {
      Thread.sleep(5);
    }
  }

  @Test
  void verifyNamesEveryMissingObject() {
    Table t = table();
    for (int i = 0; i < 9; i++) {
      t.newAppend().appendRecords(TableBehaviourSuite.rows(i * 10L, 10)).commit();
    }
    assertThat(t.verify().ok()).isTrue();
    String victim = t.newScan().planFiles().toList().get(3).file().location();
    storage.objects().delete(victim);
    VerifyReport report = t.verify();
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0)).contains(victim).contains("missing");
    assertThat(report.versionsChecked()).isEqualTo(10);
  }
}
