package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrency matrix of docs/concurrency.md, from two processes: worker A commits one change, then worker B
 * commits another from the version both read before A's commit, so B loses the race and is validated against
 * A's commit. Each pair checks B's outcome (retried and landed, or a conflict naming A's version) and the rows
 * afterwards: nothing committed is lost, nothing deleted comes back, and every object the table still names is
 * there. Subclasses pick the store ({@link ConflictMatrixTest}: the local warehouse; {@link S3ConflictMatrixTest}:
 * the S3 test server).
 *
 * <p>Every table starts with ids 0..99 in five files of 20 rows, each row {@code (id, "seed-<id>")}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConflictMatrixSuite {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");

  private String warehouse;
  private Catalog catalog;
  private ChildJvm a;
  private ChildJvm b;
  private int tables;
  /** The table of the last race, and its first snapshot (the first seed append). */
  private Table lastTable;
  private long firstSnapshot;

  /** A new, empty warehouse of the store under test. */
  protected abstract String newWarehouse(Path dir);

  /** Catalog properties the store needs (endpoint, credentials); empty for the local warehouse. */
  protected abstract Map<String, String> properties();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    warehouse = newWarehouse(dir);
    catalog = Catalogs.open(warehouse, properties());
    catalog.createNamespace("m");
    List<String> props = new ArrayList<>();
    properties().forEach((k, v) -> props.add(k + "=" + v));
    a = new ChildJvm(ChangeWorker.class, worker("a", props));
    b = new ChildJvm(ChangeWorker.class, worker("b", props));
    a.awaitReady();
    b.awaitReady();
  }

  private String[] worker(String name, List<String> props) {
    List<String> args = new ArrayList<>(List.of(name, warehouse));
    args.addAll(props);
    return args.toArray(String[]::new);
  }

  @AfterAll
  void stop() throws Exception {
    a.endInput();
    b.endInput();
    assertThat(a.waitFor()).isZero();
    assertThat(b.waitFor()).isZero();
    catalog.close();
  }

  /** What B's change did after losing the race to A's. */
  enum Outcome { LANDED, CONFLICT }

  /**
   * Runs A's change, then B's from the version before it, and returns the rows afterwards (id to msg).
   *
   * @param opA {@code RUN} arguments of worker A, e.g. {@code "serializable append 1000 5"}
   */
  private Map<Long, String> race(String opA, String opB, Outcome expected) throws Exception {
    TableId id = TableId.of("m", "t" + tables++);
    Table t = catalog.createTable(id, SCHEMA);
    for (int f = 0; f < 5; f++) {
      List<Record> rows = new ArrayList<>();
      for (long i = f * 20L; i < f * 20L + 20; i++) {
        rows.add(GenericRecord.of(SCHEMA, i, "seed-" + i));
      }
      t.newAppend().appendRecords(rows).commit();
    }
    long seeded = t.refresh().version();
    lastTable = t;
    firstSnapshot = t.snapshots().get(t.snapshots().size() - 1).snapshotId();
    String loadedA = command(a, "LOAD " + id, "LOADED");
    String loadedB = command(b, "LOAD " + id, "LOADED");
    assertThat(loadedA).isEqualTo(loadedB).isEqualTo("LOADED " + seeded);
    assertThat(command(a, "RUN " + opA, "RESULT")).as("A: %s", opA).isEqualTo("RESULT OK " + (seeded + 1));
    String resultB = command(b, "RUN " + opB, "RESULT");
    if (expected == Outcome.LANDED) {
      assertThat(resultB).as("B: %s after A: %s", opB, opA).isEqualTo("RESULT OK " + (seeded + 2));
    } else {
      assertThat(resultB).as("B: %s after A: %s", opB, opA).startsWith("RESULT CONFLICT " + (seeded + 1) + " ");
      assertThat(t.refresh().version()).as("a conflict commits nothing").isEqualTo(seeded + 1);
    }
    assertThat(t.verify(true).problems()).isEmpty();
    Map<Long, String> out = new TreeMap<>();
    t.refresh().newScan().records().forEach(r ->
        assertThat(out.put((Long) r.get("id"), (String) r.get("msg"))).as("id %s once", r.get("id")).isNull());
    return out;
  }

  private int sent(ChildJvm w, String prefix) {
    return (int) w.lines().stream().filter(l -> l.startsWith(prefix)).count();
  }

  /** Sends a command and waits for its answer line. */
  private String command(ChildJvm w, String line, String prefix) throws Exception {
    int before = sent(w, prefix);
    w.send(line);
    assertThat(w.awaitLines(prefix, before + 1)).as("answer to %s", line).isTrue();
    List<String> answers = w.lines().stream().filter(l -> l.startsWith(prefix)).toList();
    return answers.get(before);
  }

  /** The seed rows with ids in [from, to). */
  private static Map<Long, String> seed(long from, long to) {
    return rows(from, to, "seed");
  }

  private static Map<Long, String> rows(long from, long to, String tag) {
    Map<Long, String> out = new TreeMap<>();
    for (long id = from; id < to; id++) {
      out.put(id, tag + "-" + id);
    }
    return out;
  }

  private static Map<Long, String> union(Map<Long, String> first, Map<Long, String> second) {
    Map<Long, String> out = new TreeMap<>(first);
    out.putAll(second);
    return out;
  }

  @Test
  void appendThenDeleteOfOtherRowsLandsAtBothLevels() throws Exception {
    for (String level : List.of("serializable", "snapshot")) {
      Map<Long, String> rows = race("serializable append 1000 5", level + " delete 0 10", Outcome.LANDED);
      assertThat(rows).isEqualTo(union(seed(10, 100), rows(1000, 1005, "a")));
    }
  }

  @Test
  void appendOfMatchingRowsThenDeleteConflictsWhenSerializableAndKeepsThemWhenSnapshot() throws Exception {
    assertThat(race("serializable append 200 5", "serializable delete 50 300", Outcome.CONFLICT))
        .isEqualTo(union(seed(0, 100), rows(200, 205, "a")));
    assertThat(race("serializable append 200 5", "snapshot delete 50 300", Outcome.LANDED))
        .isEqualTo(union(seed(0, 50), rows(200, 205, "a")));
  }

  @Test
  void deleteThenAppendLands() throws Exception {
    assertThat(race("serializable delete 0 10", "serializable append 5 3", Outcome.LANDED))
        .isEqualTo(union(seed(10, 100), rows(5, 8, "b")));
  }

  @Test
  void twoDeletesOfDifferentRowsOfOneFileBothLand() throws Exception {
    assertThat(race("serializable delete 0 5", "serializable delete 10 15", Outcome.LANDED))
        .isEqualTo(union(seed(5, 10), seed(15, 100)));
  }

  @Test
  void overwriteAfterAnAppendOfMatchingRowsConflictsOnlyWhenSerializable() throws Exception {
    assertThat(race("serializable append 150 2", "serializable overwrite 20 200 500 3", Outcome.CONFLICT))
        .isEqualTo(union(seed(0, 100), rows(150, 152, "a")));
  }

  @Test
  void overwriteUnderSnapshotIsolationKeepsRowsAppendedMeanwhile() throws Exception {
    Map<Long, String> rows = race("serializable append 150 2", "snapshot overwrite 20 200 500 3", Outcome.LANDED);
    assertThat(rows).isEqualTo(union(seed(0, 20), union(rows(150, 152, "a"), rows(500, 503, "b"))));
  }

  @Test
  void upsertsOfDifferentKeysOfOneFileBothLandAndOfAnAppendedKeyConflictWhenSerializable() throws Exception {
    assertThat(race("serializable upsert 0 3", "serializable upsert 10 3", Outcome.LANDED))
        .isEqualTo(union(union(rows(0, 3, "a"), rows(10, 13, "b")), union(seed(3, 10), seed(13, 100))));
    assertThat(race("serializable append 500 1", "serializable upsert 500 1", Outcome.CONFLICT))
        .isEqualTo(union(seed(0, 100), rows(500, 501, "a")));
  }

  @Test
  void compactionAndAppendsNeverFailEachOther() throws Exception {
    assertThat(race("serializable append 1000 5", "serializable compact", Outcome.LANDED))
        .isEqualTo(union(seed(0, 100), rows(1000, 1005, "a")));
    assertThat(race("serializable compact", "serializable append 1000 5", Outcome.LANDED))
        .isEqualTo(union(seed(0, 100), rows(1000, 1005, "b")));
  }

  @Test
  void compactionCarriesOverADeleteThatLandedFirstAndADeleteAfterItConflicts() throws Exception {
    assertThat(race("serializable delete 3 4", "serializable compact", Outcome.LANDED))
        .isEqualTo(union(seed(0, 3), seed(4, 100)));
    assertThat(race("serializable compact", "snapshot delete 3 4", Outcome.CONFLICT))
        .isEqualTo(seed(0, 100));
  }

  /** The last race's expiry did drop history: its first snapshot is gone. */
  private void expired() {
    assertThatThrownBy(() -> lastTable.refresh().newScan().useSnapshot(firstSnapshot))
        .isInstanceOf(NoSuchSnapshotException.class);
  }

  @Test
  void everyChangeThatLostTheRaceToAnExpiryIsRetriedAndLands() throws Exception {
    // an expiry moves no head, so isolation does not matter; the filtered changes run at both levels anyway
    for (String level : List.of("serializable", "snapshot")) {
      assertThat(race("serializable expire", level + " delete 0 30", Outcome.LANDED)).isEqualTo(seed(30, 100));
      expired();
      assertThat(race("serializable expire", level + " upsert 10 3", Outcome.LANDED))
          .isEqualTo(union(union(seed(0, 10), seed(13, 100)), rows(10, 13, "b")));
      expired();
    }
    assertThat(race("serializable expire", "serializable append 1000 5", Outcome.LANDED))
        .isEqualTo(union(seed(0, 100), rows(1000, 1005, "b")));
    expired();
    assertThat(race("serializable expire", "snapshot overwrite 20 40 500 3", Outcome.LANDED))
        .isEqualTo(union(union(seed(0, 20), seed(40, 100)), rows(500, 503, "b")));
    expired();
    assertThat(race("serializable expire", "serializable compact", Outcome.LANDED)).isEqualTo(seed(0, 100));
    expired();
  }

  /**
   * Expiry plans on the newest version (it reloads before each attempt), so after any change it keeps what that
   * change left live and deletes only what the change made unreachable: no row is lost or comes back, and the
   * deep verify finds every object.
   */
  @Test
  void anExpiryAfterAnyChangeKeepsItsRowsAndDeletesOnlyWhatItLeftBehind() throws Exception {
    assertThat(race("serializable append 1000 5", "serializable expire", Outcome.LANDED))
        .isEqualTo(union(seed(0, 100), rows(1000, 1005, "a")));
    expired();
    assertThat(race("serializable delete 0 30", "serializable expire", Outcome.LANDED)).isEqualTo(seed(30, 100));
    expired();
    assertThat(race("serializable overwrite 20 40 500 3", "snapshot expire", Outcome.LANDED))
        .isEqualTo(union(union(seed(0, 20), seed(40, 100)), rows(500, 503, "a")));
    expired();
    assertThat(race("serializable upsert 10 3", "serializable expire", Outcome.LANDED))
        .isEqualTo(union(union(seed(0, 10), seed(13, 100)), rows(10, 13, "a")));
    expired();
    assertThat(race("serializable compact", "serializable expire", Outcome.LANDED)).isEqualTo(seed(0, 100));
    expired();
  }
}
