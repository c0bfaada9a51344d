package dev.snaplog.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.CommitRaceLostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CommitRetrierTest {
  private static final long MS = 1_000_000L;
  private static final CommitRetryPolicy POLICY = new CommitRetryPolicy(100, 5, 2_000, 60_000);

  @Test
  void aFastStoreWaitsTheMinimumUnit() {
    assertEquals(5, CommitRetrier.waitCapMillis(POLICY, 1, MS));
    assertEquals(10, CommitRetrier.waitCapMillis(POLICY, 2, MS));
    assertEquals(40, CommitRetrier.waitCapMillis(POLICY, 4, 2 * MS));
  }

  @Test
  void theUnitScalesWithTheAttemptThatLost() {
    // an S3 attempt of 30 ms: losers spread over two attempts' length, then four, ...
    assertEquals(60, CommitRetrier.waitCapMillis(POLICY, 1, 30 * MS));
    assertEquals(120, CommitRetrier.waitCapMillis(POLICY, 2, 30 * MS));
    assertEquals(480, CommitRetrier.waitCapMillis(POLICY, 4, 30 * MS));
  }

  @Test
  void theMaximumWaitBoundsEveryUnit() {
    assertEquals(2_000, CommitRetrier.waitCapMillis(POLICY, 3, 900 * MS));
    assertEquals(2_000, CommitRetrier.waitCapMillis(POLICY, 90, MS));
    assertEquals(0, CommitRetrier.waitCapMillis(new CommitRetryPolicy(10, 0, 0, 1_000), 3, 50 * MS));
  }

  @Test
  void lostRacesAreRetriedUntilAnAttemptLands() {
    AtomicInteger calls = new AtomicInteger();
    String result = CommitRetrier.run(new CommitRetryPolicy(10, 0, 0, 60_000), "append", n -> {
      calls.incrementAndGet();
      if (n < 3) {
        throw new CommitRaceLostException("moved", "db.t", (long) n);
      }
      return "landed at attempt " + n;
    });
    assertEquals("landed at attempt 3", result);
    assertEquals(3, calls.get());
  }

  @Test
  void aRealConflictIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(CommitConflictException.class, () -> CommitRetrier.run(POLICY, "delete", n -> {
      calls.incrementAndGet();
      throw new CommitConflictException("overlap", "db.t", 1L, 2L, null);
    }));
    assertEquals(1, calls.get());
  }

  @Test
  void runningOutOfAttemptsNamesTheSettingsToRaise() {
    CommitRaceLostException e = assertThrows(CommitRaceLostException.class,
        () -> CommitRetrier.run(new CommitRetryPolicy(2, 0, 0, 60_000), "append", n -> {
          throw new CommitRaceLostException("moved", "db.t", 7L);
        }));
    assertEquals("db.t", e.table().orElseThrow());
    assertEquals(true, e.getMessage().contains("commit.retry.num-retries"));
  }
}
