package dev.snaplog.manifest;

import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.ToLongFunction;

/**
 * One level of the history index as a loaded table keeps it: the root's leaf references or a leaf's entries,
 * in history order, with the two keys lookups search (a version and a commit time, both growing along the
 * history) copied into primitive arrays. A lookup then binary-searches one array of longs per level instead of
 * following a reference to an object at every step, which is most of a lookup's cost once the index is cached.
 */
final class HistoryLevel<T> {
  private final List<T> items;
  private final long[] versions;
  private final long[] times;

  private HistoryLevel(List<T> items, long[] versions, long[] times) {
    this.items = items;
    this.versions = versions;
    this.times = times;
  }

  static <T> HistoryLevel<T> of(List<T> items, ToLongFunction<T> version, ToLongFunction<T> time) {
    List<T> copy = List.copyOf(items);
    long[] v = new long[copy.size()];
    long[] t = new long[copy.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = version.applyAsLong(copy.get(i));
      t[i] = time.applyAsLong(copy.get(i));
    }
    return new HistoryLevel<>(copy, v, t);
  }

  /** A leaf: each entry by its own version and commit time. */
  static HistoryLevel<IndexEntry> leaf(List<IndexEntry> entries) {
    return of(entries, IndexEntry::version, IndexEntry::timestampMillis);
  }

  /**
   * A root: each leaf by its last version (the first leaf that reaches a version holds it) and its first commit
   * time (the last leaf that starts at or before a time holds the newest entry of that time).
   */
  static HistoryLevel<HistoryIndex.LeafRef> root(List<HistoryIndex.LeafRef> leaves) {
    return of(leaves, HistoryIndex.LeafRef::lastVersion, HistoryIndex.LeafRef::firstTimestamp);
  }

  List<T> items() {
    return items;
  }

  /** The position of the first item whose version is at or above {@code version}; -1 when none is. */
  int firstReaching(long version) {
    return firstAtLeast(versions, version);
  }

  /** The position of the last item whose time is at or before {@code millis}; -1 when none is. */
  int lastStartedBy(long millis) {
    return lastAtMost(times, millis);
  }

  /** The index of the first key at or above {@code bound}; -1 when every key is below it. */
  private static int firstAtLeast(long[] sorted, long bound) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] >= bound) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < sorted.length ? lo : -1;
  }

  /** The index of the last key at or below {@code bound}; -1 when every key is above it. */
  private static int lastAtMost(long[] sorted, long bound) {
    return lastAtMost(sorted.length, i -> sorted[i], bound);
  }

  /**
   * The index of the last of {@code size} non-decreasing keys at or below {@code bound}; -1 when every key is
   * above it. Also searches the history's tail, whose entries are not in a level.
   */
  static int lastAtMost(int size, IntToLongFunction key, long bound) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (key.applyAsLong(mid) <= bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }
}
