package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The caches of parsed objects: least recently used out first, hits without a lock, the bound kept. */
class LruCacheTest {
  @Test
  void theLeastRecentlyUsedValueLeavesFirst() {
    LruCache<String, String> cache = new LruCache<>(3);
    cache.put("a", "A");
    cache.put("b", "B");
    cache.put("c", "C");
    assertThat(cache.getIfPresent("a")).isEqualTo("A"); // a is now more recent than b
    cache.put("d", "D");
    assertThat(cache.getIfPresent("b")).isNull();
    assertThat(List.of("a", "c", "d")).allSatisfy(k -> assertThat(cache.getIfPresent(k)).isNotNull());
  }

  @Test
  void aValueHeavierThanTheBoundIsStillKeptAlone() {
    LruCache<String, List<Integer>> cache = new LruCache<>(10, List::size);
    cache.put("small", List.of(1, 2));
    cache.put("big", IntStream.range(0, 25).boxed().toList());
    assertThat(cache.getIfPresent("big")).hasSize(25);
    assertThat(cache.getIfPresent("small")).isNull();
    cache.put("big", List.of(1)); // replacing a value swaps its weight
    cache.put("other", List.of(1, 2, 3));
    assertThat(cache.getIfPresent("big")).containsExactly(1);
  }

  @Test
  void loadsOnAMissOnly() {
    LruCache<String, String> cache = new LruCache<>(2);
    List<String> loads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cache.get("k", k -> {
        loads.add(k);
        return "V";
      });
    }
    assertThat(loads).containsExactly("k");
  }

  @Test
  void concurrentHitsAndPutsKeepTheBound() throws Exception {
    int bound = 16;
    LruCache<Integer, Integer> cache = new LruCache<>(bound);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 20_000; i++) {
            int key = (i * 31 + seed * 7) % 64;
            assertThat(cache.get(key, k -> k * 10)).isEqualTo(key * 10);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long present = IntStream.range(0, 64).filter(k -> cache.getIfPresent(k) != null).count();
    assertThat(present).isBetween(1L, (long) bound);
  }
}
