package dev.snaplog.manifest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A small thread-safe LRU map for parsed immutable objects, which never go stale. Bounded by a total weight
 * (by default each value weighs 1, so the bound is a count); the least recently used values leave first, and
 * the newest value is always kept.
 *
 * <p>A hit takes no lock and reorders nothing: it stamps the value with a use counter, and only a put that
 * goes over the bound looks for the oldest stamps. Hits are what a loaded table does on every lookup, so they
 * must cost a map read; puts follow a read from storage, next to which scanning the entries is free.
 */
final class LruCache<K, V> {
  private final Map<K, Slot<V>> map = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final long capacity;
  private final ToLongFunction<V> weigher;
  private long weight; // guarded by this

  private static final class Slot<V> {
    final V value;
    final long weight;
    volatile long lastUsed;

    Slot(V value, long weight, long lastUsed) {
      this.value = value;
      this.weight = weight;
      this.lastUsed = lastUsed;
    }
  }

  LruCache(int capacity) {
    this(capacity, v -> 1);
  }

  LruCache(long capacity, ToLongFunction<V> weigher) {
    this.capacity = capacity;
    this.weigher = weigher;
  }

  V get(K key, Function<K, V> load) {
    V v = getIfPresent(key);
    if (v != null) {
      return v;
    }
    V loaded = load.apply(key); // outside any lock: loading does IO
    put(key, loaded);
    return loaded;
  }

  /** The cached value of {@code key}, or null; loads nothing. */
  V getIfPresent(K key) {
    Slot<V> s = map.get(key);
    if (s == null) {
      return null;
    }
    s.lastUsed = clock.incrementAndGet();
    return s.value;
  }

  synchronized void put(K key, V value) {
    Slot<V> added = new Slot<>(value, weigher.applyAsLong(value), clock.incrementAndGet());
    Slot<V> old = map.put(key, added);
    weight += added.weight - (old == null ? 0 : old.weight);
    while (weight > capacity && map.size() > 1) {
      evictOldestBut(added);
    }
  }

  private void evictOldestBut(Slot<V> keep) {
    Map.Entry<K, Slot<V>> oldest = null;
    for (Map.Entry<K, Slot<V>> e : map.entrySet()) {
      if (e.getValue() != keep && (oldest == null || e.getValue().lastUsed < oldest.getValue().lastUsed)) {
        oldest = e;
      }
    }
    map.remove(oldest.getKey(), oldest.getValue());
    weight -= oldest.getValue().weight;
  }
}
