package dev.snaplog.manifest;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A small thread-safe LRU map for parsed immutable objects, which never go stale. Bounded by a total weight
 * (by default each value weighs 1, so the bound is a count); the least recently used values leave first, and
 * the newest value is always kept.
 */
final class LruCache<K, V> {
  private final Map<K, V> map = new LinkedHashMap<>(16, 0.75f, true);
  private final long capacity;
  private final ToLongFunction<V> weigher;
  private long weight;

  LruCache(int capacity) {
    this(capacity, v -> 1);
  }

  LruCache(long capacity, ToLongFunction<V> weigher) {
    this.capacity = capacity;
    this.weigher = weigher;
  }

  V get(K key, Function<K, V> load) {
    synchronized (map) {
      V v = map.get(key);
      if (v != null) {
        return v;
      }
    }
    V loaded = load.apply(key); // outside the lock: loading does IO
    put(key, loaded);
    return loaded;
  }

  /** The cached value of {@code key}, or null; loads nothing. */
  V getIfPresent(K key) {
    synchronized (map) {
      return map.get(key);
    }
  }

  void put(K key, V value) {
    synchronized (map) {
      V old = map.put(key, value);
      weight += weigher.applyAsLong(value) - (old == null ? 0 : weigher.applyAsLong(old));
      Iterator<Map.Entry<K, V>> eldest = map.entrySet().iterator();
      while (weight > capacity && map.size() > 1) {
        Map.Entry<K, V> e = eldest.next();
        weight -= weigher.applyAsLong(e.getValue());
        eldest.remove();
      }
    }
  }
}
