package dev.snaplog.core.io;

import java.util.Arrays;

/**
 * The content of a table's one mutable object, with the opaque token (an ETag on S3, a content hash on the
 * local filesystem) that a swap must present to replace it, and the store's clock at the moment it was read
 * or written.
 *
 * <p>The store's clock, not the caller's, is what commit times and maintenance horizons are judged by: writers
 * and maintenance hosts may disagree about the time, the store they share is one clock. The local store's
 * clock is this machine's; S3 stores report theirs in each response's {@code Date} header.
 *
 * @param bytes the pointer's content
 * @param token the version token a swap presents
 * @param storeTimeMillis the store's clock (epoch millis) when this pointer was observed
 * @param observedNanos {@link System#nanoTime()} of this JVM at that moment, to advance the store's clock
 *     without asking the store again
 */
public record Pointer(byte[] bytes, String token, long storeTimeMillis, long observedNanos) {
  /** A pointer observed now, by a store whose clock is this machine's. */
  public Pointer(byte[] bytes, String token) {
    this(bytes, token, System.currentTimeMillis(), System.nanoTime());
  }

  /** A pointer observed now, by a store that reported its own time. */
  public static Pointer observedAt(byte[] bytes, String token, long storeTimeMillis) {
    return new Pointer(bytes, token, storeTimeMillis, System.nanoTime());
  }

  /** The store's clock now, estimated from when this pointer was observed plus the time elapsed here since. */
  public long storeNowMillis() {
    return storeTimeMillis + (System.nanoTime() - observedNanos) / 1_000_000L;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pointer p && Arrays.equals(bytes, p.bytes) && token.equals(p.token);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + token.hashCode();
  }

  @Override
  public String toString() {
    return "Pointer[token=" + token + ", " + bytes.length + " bytes]";
  }
}
