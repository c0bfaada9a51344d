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

  private CommitRetrier() {}

  /**
   * @param attempt called with the attempt number, starting at 1
   * @return what the first successful attempt returned
   */
  static <T> T run(CommitRetryPolicy policy, String what, IntFunction<T> attempt) {
    long deadline = System.nanoTime() + policy.totalTimeoutMillis() * 1_000_000L;
    CommitRaceLostException last = null;
    for (int n = 1; n <= policy.maxAttempts(); n++) {
      try {
        return attempt.apply(n);
      } catch (CommitRaceLostException e) {
        last = e;
        LOG.debug("{}: attempt {} lost a race: {}", what, n, e.getMessage());
      }
      if (n == policy.maxAttempts() || System.nanoTime() > deadline) {
        break;
      }
      long cap = Math.min(policy.maxWaitMillis(), policy.minWaitMillis() << Math.min(n - 1, 20));
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
}
