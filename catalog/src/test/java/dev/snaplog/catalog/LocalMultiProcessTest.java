package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real concurrent processes and real crashes against the local-filesystem warehouse. */
class LocalMultiProcessTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");
  private static final TableId TABLE = TableId.of("db", "events");

  @TempDir
  Path dir;

  private String createTable() {
    String warehouse = dir.resolve("warehouse").toString();
    try (Catalog c = Catalogs.open(warehouse)) {
      c.createNamespace("db");
      c.createTable(TABLE, SCHEMA);
    }
    return warehouse;
  }

  @Test
  void fourProcessesAppendingTwentyFiveTimesEachMakeOneLinearChainOfOneHundred() throws Exception {
    String warehouse = createTable();
    List<ChildJvm> children = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      children.add(new ChildJvm(AppendWorker.class, warehouse, TABLE.toString(), String.valueOf(w * 1000L),
          "25", "1"));
    }
    for (ChildJvm c : children) {
      assertThat(c.waitFor()).isZero();
      assertThat(c.lines().stream().filter(l -> l.startsWith("COMMITTED"))).hasSize(25);
    }
    try (Catalog c = Catalogs.open(warehouse)) {
      Table t = c.loadTable(TABLE);
      TableBehaviourSuite.assertLinearChain(t, 100);
      List<Long> ids = t.newScan().records().toList().stream().map(r -> (Long) r.get("id")).toList();
      Set<Long> expected = new HashSet<>();
      for (int w = 0; w < 4; w++) {
        for (int i = 0; i < 25; i++) {
          expected.add(w * 1000L + i);
        }
      }
      assertThat(ids).hasSize(100).doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }
  }

  @Test
  void killingAWriterAtRandomMomentsNeverLosesReportedCommitsOrShowsHalfACommit() throws Exception {
    String warehouse = createTable();
    Random random = new Random(42);
    Set<Long> reportedSnapshots = new HashSet<>();
    Map<Long, Integer> reportedBatches = new HashMap<>(); // first id -> batch size
    int batch = 3;
    for (int round = 0; round < 50; round++) {
      long firstId = round * 1_000_000L;
      ChildJvm child = new ChildJvm(AppendWorker.class, warehouse, TABLE.toString(), String.valueOf(firstId),
          "-1", String.valueOf(batch));
      child.awaitReady();
      // kill after a random number of reported commits (0-2), then at a random moment of the next one
      assertThat(child.awaitLines("COMMITTED", random.nextInt(3))).as("round %d: the writer commits", round).isTrue();
      Thread.sleep(random.nextInt(100));
      child.kill();
      for (String line : child.lines()) {
        String[] p = line.split(" ");
        if (p.length == 4 && p[0].equals("COMMITTED")) {
          reportedBatches.put(Long.parseLong(p[1]), Integer.parseInt(p[2]));
          reportedSnapshots.add(Long.parseLong(p[3]));
        }
      }
      try (Catalog c = Catalogs.open(warehouse)) {
        Table t = c.loadTable(TABLE);
        Set<Long> present = new HashSet<>();
        for (Snapshot s : t.snapshots()) {
          present.add(s.snapshotId());
        }
        assertThat(present).as("round %d: every reported commit is in the table", round)
            .containsAll(reportedSnapshots);
        Map<Long, Integer> rowsPerBatch = new HashMap<>();
        for (Record r : t.newScan().records().toList()) {
          long id = (Long) r.get("id");
          rowsPerBatch.merge(id - (id % 1_000_000L) + ((id % 1_000_000L) / batch) * batch, 1, Integer::sum);
        }
        assertThat(rowsPerBatch.values()).as("round %d: no commit is half visible", round)
            .allMatch(n -> n == batch);
        assertThat(rowsPerBatch.keySet()).as("round %d: reported batches are readable", round)
            .containsAll(reportedBatches.keySet());
        assertThat(rowsPerBatch.size() - reportedBatches.size()).as("round %d: at most one unreported commit"
            + " per kill", round).isBetween(0, round + 1);
      }
    }
    assertThat(reportedSnapshots).as("the writers did commit between kills").hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void killingExpiryAtRandomMomentsLeavesAReadableTableWithNothingMissing() throws Exception {
    String warehouse = dir.resolve("warehouse").toString();
    try (Catalog c = Catalogs.open(warehouse)) {
      c.createNamespace("db");
      c.createTable(TABLE, SCHEMA, Map.of("checkpoint.interval", "3", "history.leaf-size", "4"));
    }
    Random random = new Random(11);
    int cycles = 0;
    for (int round = 0; round < 20; round++) {
      ChildJvm child = new ChildJvm(MaintenanceWorker.class, warehouse, TABLE.toString());
      child.awaitReady();
      // kill once at least one expiry has run, then at a random moment of a later cycle
      assertThat(child.awaitLines("CYCLE", 1 + random.nextInt(2))).as("round %d: expiry runs", round).isTrue();
      Thread.sleep(random.nextInt(300));
      child.kill();
      cycles += (int) child.lines().stream().filter(l -> l.startsWith("CYCLE")).count();
      try (Catalog c = Catalogs.open(warehouse)) {
        Table t = c.loadTable(TABLE);
        assertThat(t.verify().problems()).as("round %d: nothing reachable is missing", round).isEmpty();
        long expected = t.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_RECORDS)).orElse(0L);
        assertThat(t.newScan().records().toList()).as("round %d", round).hasSize((int) expected);
      }
    }
    assertThat(cycles).as("expiry did run between kills").isGreaterThanOrEqualTo(20);
  }
}
