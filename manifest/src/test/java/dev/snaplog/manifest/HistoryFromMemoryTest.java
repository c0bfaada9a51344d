package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.Snapshot;
import dev.snaplog.core.io.ForwardingObjectStore;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time travel on a loaded table from memory: index entries name their snapshot (id, parent, time, operation,
 * schema id), and a log keeps the whole index cached while it fits the budget, so once each leaf has been read
 * a lookup by version or time reads no object at all.
 */
class HistoryFromMemoryTest {
  private static final int VERSIONS = 2_050; // 20 leaves: more than a fixed cache of 16 held
  private static final int LEAF_SIZE = 100;
  private static final long T0 = 1_760_000_000_000L;

  @TempDir
  Path dir;

  private final AtomicInteger reads = new AtomicInteger();
  private TableMetadata head;
  private TableLocations locations;
  private ForwardingObjectStore counting;

  /** Version v commits snapshot 1000+v at T0+10v, with parent 1000+v-1; every 7th version only tags. */
  private static Optional<Snapshot> snapshotOf(long v) {
    long last = v % 7 == 6 ? v - 1 : v;
    return last == 0 ? Optional.empty() : Optional.of(new Snapshot(1000 + last,
        last == 1 ? Optional.empty() : Optional.of(1000 + last - (last % 7 == 0 ? 2 : 1)), last, T0 + 10 * last,
        last % 2 == 0 ? "append" : "overwrite", "c-" + last, (int) (last % 3), Map.of()));
  }

  @BeforeEach
  void buildHistory() {
    LocalObjectStore store = new LocalObjectStore();
    counting = new ForwardingObjectStore(store) {
      @Override
      public InputFile newInputFile(String location) {
        reads.incrementAndGet();
        return super.newInputFile(location);
      }
    };
    locations = new TableLocations(store, dir.resolve("t").toString());
    TableLog writer = new TableLog(store, locations);
    TableMetadata m = FormatRoundTripTest.metadata().toBuilder().version(0).lastUpdatedMillis(T0)
        .currentSnapshot(null).history(HistoryState.EMPTY).build();
    for (long v = 1; v <= VERSIONS; v++) {
      HistoryState h = HistoryIndex.advance(m, locations.newMetadata(m.version()));
      h = HistoryIndex.flushIfFull(writer, h, v, LEAF_SIZE);
      m = m.toBuilder().version(v).lastUpdatedMillis(T0 + 10 * v).currentSnapshot(snapshotOf(v).orElse(null))
          .operation(v % 7 == 6 ? "tag" : "commit").history(h).build();
    }
    head = m;
  }

  @Test
  void aLoadedLogAnswersEveryLookupWithoutReadingAnObject() {
    TableLog log = new TableLog(counting, locations);
    Random rnd = new Random(3);
    for (int round = 0; round < 2; round++) {
      reads.set(0);
      for (int i = 0; i < 2_000; i++) {
        long v = 1 + rnd.nextInt(VERSIONS - 1);
        IndexEntry byVersion = HistoryIndex.byVersion(log, head, v).orElseThrow();
        IndexEntry byTime = HistoryIndex.byTime(log, head, T0 + 10 * v + rnd.nextInt(10)).orElseThrow();
        assertThat(byTime).isEqualTo(byVersion);
        Optional<IndexEntry.SnapshotSummary> expected = snapshotOf(v).map(IndexEntry.SnapshotSummary::of);
        assertThat(byVersion.snapshot()).isEqualTo(expected);
        assertThat(byVersion.snapshotId()).isEqualTo(snapshotOf(v).map(Snapshot::snapshotId).orElse(0L));
      }
      int leaves = (VERSIONS - 1) / LEAF_SIZE;
      // the first round reads the root once and each leaf once; the second reads nothing
      assertThat(reads.get()).as("object reads in round %d", round).isEqualTo(round == 0 ? leaves + 1 : 0);
    }
  }

  @Test
  void aSmallerBudgetReadsLeavesAgain() {
    TableLog log = new TableLog(counting, locations, 3 * LEAF_SIZE);
    for (long v = 1; v < VERSIONS; v += LEAF_SIZE) {
      HistoryIndex.byVersion(log, head, v).orElseThrow();
    }
    reads.set(0);
    for (long v = 1; v < VERSIONS; v += LEAF_SIZE) {
      HistoryIndex.byVersion(log, head, v).orElseThrow();
    }
    assertThat(reads.get()).as("leaves read again with room for three").isGreaterThanOrEqualTo(7);
  }

  @Test
  void summariesRoundTripAndFormatOneEntriesReadWithout() throws Exception {
    IndexEntry e = HistoryIndex.byVersion(new TableLog(counting, locations), head, 20).orElseThrow();
    assertThat(e.snapshot()).isPresent();
    assertThat(HistoryIndex.leafFromBytes(HistoryIndex.leafToBytes(List.of(e), locations), "x", locations))
        .containsExactly(e);
    com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode)
        Json.MAPPER.readTree(HistoryIndex.leafToBytes(List.of(e), locations));
    old.put("format-version", 1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("entries").get(0)).remove("s");
    assertThat(HistoryIndex.leafFromBytes(Json.write(old), "x", locations)).containsExactly(
        new IndexEntry(e.version(), e.timestampMillis(), e.snapshotId(), e.operation(), e.metadataLocation()));
  }
}
