package dev.snaplog.core.types;

import dev.snaplog.core.ColumnStats;
import java.nio.ByteBuffer;

/**
 * Shortens string and binary column bounds so that stats stay small whatever the values, as the Iceberg
 * table spec does: a lower bound becomes a prefix of at most {@code length} code points (bytes for binary),
 * which is never greater than the value; an upper bound becomes such a prefix with its last code point (byte)
 * incremented, which is never less than the value, or no bound at all when no prefix can be incremented (every
 * code point U+10FFFF, every byte 0xFF). Both orders are those of {@link Comparators}: code points for strings,
 * unsigned bytes for binary. Bounds of other types are returned unchanged.
 *
 * <p>Pruning stays correct because it only relies on {@code lower <= every value <= upper}; equality of the two
 * bounds still means every value equals them, since a truncated lower bound is always below a truncated upper
 * one.
 */
public final class BoundTruncation {
  /** Code points (strings) or bytes (binary) a bound keeps unless a table sets another length. */
  public static final int DEFAULT_LENGTH = 16;

  private static final int MAX_CODE_POINT = Character.MAX_CODE_POINT;

  private BoundTruncation() {}

  /** Stats with both bounds truncated for {@code type}. */
  public static ColumnStats truncate(Type type, ColumnStats stats, int length) {
    Object min = stats.min().map(v -> lower(type, v, length)).orElse(null);
    Object max = stats.max().map(v -> upper(type, v, length)).orElse(null);
    return new ColumnStats(stats.nullCount(), min, max);
  }

  /** A lower bound of {@code value} that is at most {@code length} long. */
  public static Object lower(Type type, Object value, int length) {
    checkLength(length);
    return switch (type.id()) {
      case STRING -> {
        String s = (String) value;
        yield codePointsLongerThan(s, length) ? s.substring(0, s.offsetByCodePoints(0, length)) : s;
      }
      case BINARY -> {
        ByteBuffer b = (ByteBuffer) value;
        yield b.remaining() <= length ? b : slice(b, length);
      }
      default -> value;
    };
  }

  /** An upper bound of {@code value} that is at most {@code length} long, or null if there is none. */
  public static Object upper(Type type, Object value, int length) {
    checkLength(length);
    return switch (type.id()) {
      case STRING -> upperString((String) value, length);
      case BINARY -> upperBinary((ByteBuffer) value, length);
      default -> value;
    };
  }

  private static String upperString(String s, int length) {
    if (!codePointsLongerThan(s, length)) {
      return s;
    }
    int[] cps = s.codePoints().limit(length).toArray();
    for (int i = cps.length - 1; i >= 0; i--) {
      int next = cps[i] + 1;
      if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
        next = Character.MAX_SURROGATE + 1; // surrogates are not code points of valid text
      }
      if (next <= MAX_CODE_POINT) {
        cps[i] = next;
        return new String(cps, 0, i + 1);
      }
    }
    return null;
  }

  private static ByteBuffer upperBinary(ByteBuffer b, int length) {
    if (b.remaining() <= length) {
      return b;
    }
    byte[] prefix = new byte[length];
    b.duplicate().get(prefix);
    for (int i = length - 1; i >= 0; i--) {
      if ((prefix[i] & 0xff) != 0xff) {
        prefix[i]++;
        byte[] out = new byte[i + 1];
        System.arraycopy(prefix, 0, out, 0, i + 1);
        return ByteBuffer.wrap(out).asReadOnlyBuffer();
      }
    }
    return null;
  }

  private static ByteBuffer slice(ByteBuffer b, int length) {
    byte[] prefix = new byte[length];
    b.duplicate().get(prefix);
    return ByteBuffer.wrap(prefix).asReadOnlyBuffer();
  }

  private static boolean codePointsLongerThan(String s, int length) {
    return s.length() > length && s.codePointCount(0, s.length()) > length;
  }

  private static void checkLength(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("bound truncation length must be at least 1, got " + length);
    }
  }
}
