package dev.snaplog.core.types;

import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.UUID;

/**
 * The ordering of each type's values, as used by stats and filters. Binary and UUID compare as unsigned bytes,
 * which is how Parquet orders them, so file stats and filters agree.
 */
public final class Comparators {
  private static final Comparator<ByteBuffer> UNSIGNED_BYTES = (a, b) -> {
    int n = Math.min(a.remaining(), b.remaining());
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a.get(a.position() + i) & 0xff, b.get(b.position() + i) & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.remaining(), b.remaining());
  };

  private static final Comparator<UUID> UUID_UNSIGNED = Comparator
      .comparing((UUID u) -> u.getMostSignificantBits(), Long::compareUnsigned)
      .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

  // Code point order equals UTF-8 byte order, which is how Parquet orders strings; String.compareTo
  // (UTF-16 units) differs only where a surrogate meets a unit at or above U+E000. So strings are compared
  // unit by unit, and only a first difference involving a surrogate is settled by code points.
  private static final Comparator<String> CODE_POINTS = (a, b) -> {
    int n = Math.min(a.length(), b.length());
    for (int k = 0; k < n; k++) {
      char x = a.charAt(k);
      char y = b.charAt(k);
      if (x != y) {
        if (!Character.isSurrogate(x) && !Character.isSurrogate(y)) {
          return Character.compare(x, y);
        }
        return byCodePoints(a, b);
      }
    }
    return Integer.compare(a.length(), b.length());
  };

  private static int byCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private Comparators() {}

  /** The comparator for values of {@code type}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Comparator<Object> forType(Type type) {
    return switch (type.id()) {
      case BINARY -> (Comparator) UNSIGNED_BYTES;
      case UUID -> (Comparator) UUID_UNSIGNED;
      case STRING -> (Comparator) CODE_POINTS;
      default -> (a, b) -> ((Comparable) a).compareTo(b);
    };
  }
}
