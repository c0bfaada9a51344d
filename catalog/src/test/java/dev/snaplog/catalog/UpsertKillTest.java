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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once upsert under crashes: an {@link UpsertWorker} process committing batches 1..100 with commit tokens
 * is killed with SIGKILL at random moments and started again, then run to the end. Every key must end with the
 * value of the last batch holding it, in one row, and every batch must be in exactly one snapshot. The number of
 * kills is {@code -Dsnaplog.upsert-kill.rounds=N} (default 30); the seed {@code -Dsnaplog.upsert-kill.seed=S}.
 */
class UpsertKillTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, v string");
  private static final TableId TABLE = TableId.of("db", "upserts");
  private static final int BATCHES = 100;

  @TempDir
  Path dir;

  @Test
  void killedAndRestartedUpserterLeavesEveryKeyAtItsLastValueOnce() throws Exception {
    int rounds = Integer.getInteger("snaplog.upsert-kill.rounds", 30);
    long seed = Long.getLong("snaplog.upsert-kill.seed", System.nanoTime());
    Random random = new Random(seed);
    String warehouse = dir.resolve("warehouse").toString();
    try (Catalog c = Catalogs.open(warehouse)) {
      c.createNamespace("db");
      c.createTable(TABLE, SCHEMA, Map.of("checkpoint.interval", "4"));
    }
    Map<Integer, Long> reported = new HashMap<>(); // batch -> snapshot, as the worker reported it
    int kills = 0;
    for (int round = 0; round < rounds; round++) {
      ChildJvm child = new ChildJvm(UpsertWorker.class, warehouse, TABLE.toString(), String.valueOf(BATCHES));
      child.awaitReady();
      // wait for the worker to start a random batch of this run, then let it go on for a random moment
      int started = 1 + random.nextInt(3);
      boolean reached = child.awaitLines("BATCH", started);
      if (reached) {
        Thread.sleep(random.nextInt(60)); // jitter only: where in the batch the kill lands
        child.kill();
        kills++;
      } else {
        assertThat(child.waitFor()).as("round %d (seed %d): the worker ends well", round, seed).isZero();
      }
      collect(child, reported);
      checkNoKeyTwiceAndReportedBatchesPresent(warehouse, reported, "round " + round + ", seed " + seed);
    }
    ChildJvm last = new ChildJvm(UpsertWorker.class, warehouse, TABLE.toString(), String.valueOf(BATCHES));
    assertThat(last.waitFor()).as("the last run ends well").isZero();
    assertThat(last.lines()).contains("DONE");
    collect(last, reported);

    try (Catalog c = Catalogs.open(warehouse)) {
      Table t = c.loadTable(TABLE);
      Map<Long, String> want = new TreeMap<>();
      for (int n = 1; n <= BATCHES; n++) {
        for (long key : UpsertWorker.keys(n)) {
          want.put(key, UpsertWorker.value(n));
        }
      }
      assertThat(rows(t)).as("seed %d, %d kills", seed, kills).isEqualTo(want);
      List<String> tokens = new ArrayList<>();
      for (Snapshot s : t.snapshots()) {
        String token = s.summary().get(Snapshot.COMMIT_TOKEN);
        if (token != null) {
          tokens.add(token);
        }
      }
      assertThat(tokens).as("each batch committed once (seed %d)", seed).hasSize(BATCHES).doesNotHaveDuplicates();
      assertThat(t.snapshots()).as("no commit without a token").hasSize(BATCHES);
      for (Map.Entry<Integer, Long> e : reported.entrySet()) {
        assertThat(t.snapshot(e.getValue()).summary().get(Snapshot.COMMIT_TOKEN))
            .as("reported batch %d", e.getKey()).isEqualTo(UpsertWorker.WRITER + ":" + e.getKey());
      }
      assertThat(t.verify().problems()).isEmpty();
    }
    assertThat(kills).as("the writer was killed mid-run (seed %d)", seed).isGreaterThanOrEqualTo(rounds * 2 / 3);
  }

  private static void collect(ChildJvm child, Map<Integer, Long> reported) {
    for (String line : child.lines()) {
      String[] p = line.split(" ");
      if (p[0].equals("COMMITTED")) {
        assertThat(reported.put(Integer.parseInt(p[1]), Long.parseLong(p[2]))).as("batch %s committed twice", p[1])
            .isNull();
      }
    }
  }

  /** One row per key; every batch a worker reported is in the table's history. */
  private static void checkNoKeyTwiceAndReportedBatchesPresent(String warehouse, Map<Integer, Long> reported,
      String where) {
    try (Catalog c = Catalogs.open(warehouse)) {
      Table t = c.loadTable(TABLE);
      rows(t);
      Set<Long> present = new TreeSet<>();
      t.snapshots().forEach(s -> present.add(s.snapshotId()));
      assertThat(present).as(where).containsAll(reported.values());
    }
  }

  /** Key to value; fails if a key has two rows. */
  private static Map<Long, String> rows(Table t) {
    Map<Long, String> out = new TreeMap<>();
    for (Record r : t.newScan().records().toList()) {
      assertThat(out.put((Long) r.get("id"), (String) r.get("v"))).as("key %s once", r.get("id")).isNull();
    }
    return out;
  }
}
