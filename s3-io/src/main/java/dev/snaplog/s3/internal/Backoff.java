package dev.snaplog.s3.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter for the few retries this module does itself. */
public final class Backoff {
  private Backoff() {}

  public static void sleep(int attempt) {
    long cap = Math.min(2_000, 50L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while backing off", e);
    }
  }
}
