package dev.snaplog.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compare-and-swap contract of {@link PointerStore}, run against each implementation by subclassing.
 * The concurrency tests repeat several rounds because a racy store often passes a single round.
 */
public abstract class PointerStoreContract {
  private String base;

  protected abstract PointerStore pointers();

  /** A fresh, empty location for one test. */
  protected abstract String newBaseLocation();

  /** False for stores whose create (If-None-Match) can let two concurrent creators both succeed. */
  protected boolean createIsAtomic() {
    return true;
  }

  /** Rounds of the concurrent-swap test. */
  protected int swapRounds() {
    return 6;
  }

  @BeforeEach
  void setUpBase() {
    base = newBaseLocation();
  }

  protected final String loc(String relative) {
    return base.endsWith("/") ? base + relative : base + "/" + relative;
  }

  protected static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readOfAbsentPointerIsEmpty() {
    assertThat(pointers().read(loc("t/_pointer"))).isEmpty();
  }

  @Test
  void createOnceThenReadBack() {
    Pointer created = pointers().create(loc("t/_pointer"), utf8("v1"));
    assertThat(created.bytes()).isEqualTo(utf8("v1"));
    assertThat(created.token()).isNotBlank();
    assertThatThrownBy(() -> pointers().create(loc("t/_pointer"), utf8("other")))
        .isInstanceOf(ObjectAlreadyExistsException.class);
    Optional<Pointer> read = pointers().read(loc("t/_pointer"));
    assertThat(read).hasValueSatisfying(p -> {
      assertThat(p.bytes()).isEqualTo(utf8("v1"));
      assertThat(p.token()).isEqualTo(created.token());
    });
  }

  @Test
  void swapWithTheCurrentTokenReturnsANewToken() {
    Pointer v1 = pointers().create(loc("t/_pointer"), utf8("v1"));
    Pointer v2 = pointers().swap(loc("t/_pointer"), v1.token(), utf8("v2"));
    assertThat(v2.bytes()).isEqualTo(utf8("v2"));
    assertThat(v2.token()).isNotEqualTo(v1.token());
    assertThat(pointers().read(loc("t/_pointer"))).hasValue(v2);
    Pointer v3 = pointers().swap(loc("t/_pointer"), v2.token(), utf8("v3"));
    assertThat(pointers().read(loc("t/_pointer"))).hasValue(v3);
  }

  @Test
  void swapWithAStaleTokenConflictsAndChangesNothing() {
    Pointer v1 = pointers().create(loc("t/_pointer"), utf8("v1"));
    Pointer v2 = pointers().swap(loc("t/_pointer"), v1.token(), utf8("v2"));
    assertThatThrownBy(() -> pointers().swap(loc("t/_pointer"), v1.token(), utf8("v3")))
        .isInstanceOf(CommitRaceLostException.class);
    assertThat(pointers().read(loc("t/_pointer"))).hasValue(v2);
  }

  @Test
  void swapOfAnAbsentPointerConflicts() {
    Pointer other = pointers().create(loc("other/_pointer"), utf8("x"));
    assertThatThrownBy(() -> pointers().swap(loc("t/_pointer"), other.token(), utf8("v1")))
        .isInstanceOf(CommitRaceLostException.class);
    assertThat(pointers().read(loc("t/_pointer"))).isEmpty();
  }

  @Test
  void deleteNeedsTheCurrentToken() {
    Pointer v1 = pointers().create(loc("t/_pointer"), utf8("v1"));
    Pointer v2 = pointers().swap(loc("t/_pointer"), v1.token(), utf8("v2"));
    assertThatThrownBy(() -> pointers().delete(loc("t/_pointer"), v1.token()))
        .isInstanceOf(CommitRaceLostException.class);
    assertThat(pointers().read(loc("t/_pointer"))).isPresent();
    pointers().delete(loc("t/_pointer"), v2.token());
    assertThat(pointers().read(loc("t/_pointer"))).isEmpty();
  }

  @Test
  void concurrentSwapsOnOneTokenHaveExactlyOneWinner() throws Exception {
    int threads = 16;
    String location = loc("t/_pointer");
    pointers().create(location, utf8("start-" + UUID.randomUUID()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < swapRounds(); round++) {
        Pointer current = pointers().read(location).orElseThrow();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Pointer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] content = utf8("round-" + round + "-writer-" + t + "-" + UUID.randomUUID());
          results.add(pool.submit(() -> {
            start.await();
            try {
              return pointers().swap(location, current.token(), content);
            } catch (CommitRaceLostException e) {
              return null;
            }
          }));
        }
        start.countDown();
        List<Pointer> winners = new ArrayList<>();
        for (Future<Pointer> f : results) {
          Pointer p = f.get(60, TimeUnit.SECONDS);
          if (p != null) {
            winners.add(p);
          }
        }
        assertThat(winners).as("winners in round %d", round).hasSize(1);
        Pointer after = pointers().read(location).orElseThrow();
        assertThat(after.bytes()).as("the winner's content is what is stored").isEqualTo(winners.get(0).bytes());
        assertThat(after.token()).isEqualTo(winners.get(0).token());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentCreatesHaveExactlyOneWinner() throws Exception {
    assumeTrue(createIsAtomic(), "this store's conditional create is not atomic under concurrency");
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String location = loc("create-" + round + "/_pointer");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] content = utf8("writer-" + t);
          results.add(pool.submit(() -> {
            start.await();
            try {
              pointers().create(location, content);
              return true;
            } catch (ObjectAlreadyExistsException e) {
              return false;
            }
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
          winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("winners in round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReaderNeverSeesPartialContent() throws Exception {
    String location = loc("t/_pointer");
    int size = 256 * 1024;
    Pointer current = pointers().create(location, filled(size, (byte) 0));
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> reader = pool.submit(() -> {
        while (!done.get()) {
          Pointer p = pointers().read(location).orElseThrow();
          assertThat(p.bytes()).hasSize(size);
          byte first = p.bytes()[0];
          for (byte b : p.bytes()) {
            if (b != first) {
              throw new AssertionError("torn read: mixed content in one pointer read");
            }
          }
          reads.incrementAndGet();
        }
        return null;
      });
      for (int i = 1; i <= 20; i++) {
        current = pointers().swap(location, current.token(), filled(size, (byte) i));
      }
      done.set(true);
      reader.get(60, TimeUnit.SECONDS);
    } finally {
      done.set(true);
      pool.shutdownNow();
    }
    assertThat(reads.get()).isPositive();
    assertThat(pointers().read(location).orElseThrow().bytes()).isEqualTo(filled(size, (byte) 20));
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
