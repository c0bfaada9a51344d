package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The binary searches a lookup runs on each level of the history index, against a linear scan of the same
 * entries: versions grow strictly, commit times never fall (two commits may share a millisecond).
 */
class HistoryLevelTest {
  @Test
  void searchesAgreeWithAScanOverEveryEntry() {
    Random rnd = new Random(11);
    for (int round = 0; round < 500; round++) {
      List<IndexEntry> entries = new ArrayList<>();
      long version = rnd.nextInt(5);
      long time = 1_000 + rnd.nextInt(5);
      for (int i = rnd.nextInt(120); i > 0; i--) {
        entries.add(new IndexEntry(version, time, version, "append", "m-" + version));
        version += 1 + rnd.nextInt(3);
        time += rnd.nextInt(3); // a zero step: commits within one millisecond
      }
      HistoryLevel<IndexEntry> level = HistoryLevel.leaf(entries);
      for (int probe = 0; probe < 50; probe++) {
        long v = rnd.nextInt((int) version + 3) - 1;
        long t = 990 + rnd.nextInt((int) (time - 980));
        assertThat(level.firstReaching(v)).as("first reaching version %d in %s", v, entries)
            .isEqualTo(firstReaching(entries, v));
        assertThat(level.lastStartedBy(t)).as("last at or before %d in %s", t, entries)
            .isEqualTo(lastStartedBy(entries, t));
      }
    }
  }

  @Test
  void aRootIsSearchedByEachLeafsLastVersionAndFirstTime() {
    List<HistoryIndex.LeafRef> leaves = List.of(new HistoryIndex.LeafRef(1, 100, 5_000, 5_990, "leaf-a"),
        new HistoryIndex.LeafRef(101, 200, 6_000, 6_990, "leaf-b"));
    HistoryLevel<HistoryIndex.LeafRef> root = HistoryLevel.root(leaves);
    assertThat(root.firstReaching(100)).isZero();
    assertThat(root.firstReaching(101)).isEqualTo(1);
    assertThat(root.firstReaching(201)).isEqualTo(-1);
    assertThat(root.lastStartedBy(5_995)).isZero(); // after leaf a's last entry, before leaf b's first
    assertThat(root.lastStartedBy(6_000)).isEqualTo(1);
    assertThat(root.lastStartedBy(4_999)).isEqualTo(-1);
  }

  private static int firstReaching(List<IndexEntry> entries, long version) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).version() >= version) {
        return i;
      }
    }
    return -1;
  }

  private static int lastStartedBy(List<IndexEntry> entries, long millis) {
    int found = -1;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).timestampMillis() <= millis) {
        found = i;
      }
    }
    return found;
  }
}
