package dev.snaplog.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A small thread-safe LRU map for parsed immutable objects, which never go stale. */
final class LruCache<K, V> {
  private final Map<K, V> map;

  LruCache(int capacity) {
    this.map = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  V get(K key, Function<K, V> load) {
    synchronized (map) {
      V v = map.get(key);
      if (v != null) {
        return v;
      }
    }
    V loaded = load.apply(key); // outside the lock: loading does IO
    synchronized (map) {
      map.put(key, loaded);
    }
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
      map.put(key, value);
    }
  }
}
