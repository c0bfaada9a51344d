package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.CommitRetryPolicy;
import dev.snaplog.core.exceptions.CommitRaceLostException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop of every table operation: runs an attempt, and on a lost race
 * ({@link CommitRaceLostException}) waits with exponential backoff and full jitter, then runs the next
 * attempt, which reloads, validates and re-applies the change. Other errors end the commit at once; among them
 * {@link dev.snaplog.core.exceptions.CommitConflictException}, a real conflict, which no retry can fix.
 */
final class CommitRetrier {
  private static final Logger LOG = LoggerFactory.getLogger(CommitRetrier.class);

  /** Lost-attempt lengths in one backoff unit: 2 about halved retries at 16 writers on S3 (BENCHMARKS.md). */
  static final long ATTEMPTS_PER_UNIT = 2;

  private CommitRetrier() {}

  /**
   * @param attempt called with the attempt number, starting at 1
   * @return what the first successful attempt returned
   */
  static <T> T run(CommitRetryPolicy policy, String what, IntFunction<T> attempt) {
    long deadline = System.nanoTime() + policy.totalTimeoutMillis() * 1_000_000L;
    CommitRaceLostException last = null;
    long lostAttemptNanos = 0;
    for (int n = 1; n <= policy.maxAttempts(); n++) {
      long started = System.nanoTime();
      try {
        return attempt.apply(n);
      } catch (CommitRaceLostException e) {
        lostAttemptNanos = System.nanoTime() - started;
        last = e;
        LOG.debug("{}: attempt {} lost a race: {}", what, n, e.getMessage());
      }
      if (n == policy.maxAttempts() || System.nanoTime() > deadline) {
        break;
      }
      long cap = waitCapMillis(policy, n, lostAttemptNanos);
      long wait = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
      try {
        Thread.sleep(Math.min(wait, Math.max(0, (deadline - System.nanoTime()) / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new CommitRaceLostException(what + " gave up after losing the race to concurrent commits ("
        + last.getMessage() + "); raise " + dev.snaplog.catalog.TableProperties.COMMIT_NUM_RETRIES + " or "
        + dev.snaplog.catalog.TableProperties.COMMIT_TOTAL_TIMEOUT_MS, last.table().orElse(null),
        last.version().isPresent() ? last.version().getAsLong() : null);
  }

  /**
   * The longest wait after losing attempt {@code n}: a unit that doubles per attempt, up to the policy's maximum.
   * The unit is the longer of the policy's minimum wait and {@link #ATTEMPTS_PER_UNIT} times the attempt that
   * just lost, so the spread scales with what one attempt costs on this store (about a millisecond on a local
   * disk, tens on S3). A fixed few milliseconds spreads the losers of an S3 race over less than one attempt's
   * length, so they collide again; measured in BENCHMARKS.md, "Backoff scaled to the attempt".
   */
  static long waitCapMillis(CommitRetryPolicy policy, int n, long lostAttemptNanos) {
    long unit = Math.max(policy.minWaitMillis(), ATTEMPTS_PER_UNIT * lostAttemptNanos / 1_000_000L);
    return Math.min(policy.maxWaitMillis(), unit << Math.min(n - 1, 20));
  }
}
