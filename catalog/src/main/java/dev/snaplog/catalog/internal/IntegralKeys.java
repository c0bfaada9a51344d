package dev.snaplog.catalog.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * The keys of an upsert batch keyed on one int or long column, held as primitives: appended in any order, then
 * sorted once ({@link #sort()}), after which they are looked up without a boxed value or a hash per key. A batch
 * of millions of keys costs an array, not a hash set of boxed values.
 */
final class IntegralKeys {
  /** Above this span of keys, {@link #matcher()} searches instead of keeping a bit set (8 MB). */
  private static final long MAX_BITSET_RANGE = 1L << 26;

  private long[] values = new long[16];
  private int count;
  private boolean ints = true;
  private boolean sorted = true;
  private LongPredicate matcher;

  /** Adds a key, an Integer or a Long. */
  void add(Number key) {
    ints &= key instanceof Integer;
    if (count == values.length) {
      values = Arrays.copyOf(values, count * 2);
    }
    long v = key.longValue();
    sorted &= count == 0 || values[count - 1] < v;
    values[count++] = v;
    matcher = null;
  }

  /** Sorts the keys; returns one that was added more than once, if any (the keys are then unusable). */
  OptionalLong sort() {
    if (!sorted) {
      Arrays.sort(values, 0, count);
      sorted = true;
      for (int i = 1; i < count; i++) {
        if (values[i] == values[i - 1]) {
          return OptionalLong.of(values[i]);
        }
      }
    }
    return OptionalLong.empty();
  }

  int size() {
    return count;
  }

  long min() {
    return values[0];
  }

  long max() {
    return values[count - 1];
  }

  /** The key as the column's Java type: an Integer for an int column, a Long for a long one. */
  Object boxed(long v) {
    return ints ? (Object) (int) v : (Object) v;
  }

  /** The keys, boxed as {@link #boxed} does, in ascending order. */
  List<Object> boxedAll() {
    List<Object> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(boxed(values[i]));
    }
    return out;
  }

  /**
   * Whether a value is one of the keys: a bit set over the keys' range when it spans at most
   * {@value #MAX_BITSET_RANGE} values, else a binary search. Built once after {@link #sort()}; safe to call from
   * several threads once built.
   */
  synchronized LongPredicate matcher() {
    if (matcher == null && count == 0) {
      matcher = v -> false;
    } else if (matcher == null) {
      long lo = min();
      long hi = max();
      long span = hi - lo; // negative when it overflows: keys near both ends of the long range
      if (span >= 0 && span < MAX_BITSET_RANGE) {
        BitSet bits = new BitSet((int) (hi - lo + 1));
        for (int i = 0; i < count; i++) {
          bits.set((int) (values[i] - lo));
        }
        matcher = v -> v >= lo && v <= hi && bits.get((int) (v - lo));
      } else {
        long[] keys = Arrays.copyOf(values, count);
        matcher = v -> Arrays.binarySearch(keys, v) >= 0;
      }
    }
    return matcher;
  }
}
