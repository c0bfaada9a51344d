package dev.snaplog.core.types;

import dev.snaplog.core.Limits;
import dev.snaplog.core.exceptions.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Conversions between Java values and a type: the one place that decides which Java class a type's values
 * have, how they print in JSON and CSV, and how loosely typed input (a literal in a filter, a CSV cell) is
 * coerced. Coercion never loses information silently: a value that does not fit is a ValidationException, and
 * so is a conversion that would lose information (see {@link LossyInput}) unless the caller passes
 * {@link LossyInput#ALLOW}.
 */
public final class Literals {
  private Literals() {}

  /**
   * Converts {@code value} to the canonical Java class of {@code type}. Accepts the canonical class, wider or
   * narrower numbers that fit exactly, and strings in the {@link #toText} form.
   *
   * @throws ValidationException if the value cannot represent a value of the type, or only with a loss of
   *     information (see {@link LossyInput})
   */
  public static Object coerce(Type type, Object value) {
    return coerce(type, value, LossyInput.REFUSE);
  }

  /** As {@link #coerce(Type, Object)}, performing lossy conversions when {@code lossy} allows them. */
  public static Object coerce(Type type, Object value, LossyInput lossy) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s && type.id() != TypeId.STRING) {
      return fromText(type, s, lossy);
    }
    return inRange(type, convert(type, value, lossy));
  }

  private static Object convert(Type type, Object value, LossyInput lossy) {
    try {
      return switch (type.id()) {
        case BOOLEAN -> requireClass(value, Boolean.class, type);
        // a value already in the canonical class is returned as it is: no unboxing and boxing again per cell
        case INT -> value instanceof Integer ? value
            : value instanceof Number n ? Math.toIntExact(exactLong(n, type)) : fail(value, type);
        case LONG -> value instanceof Long ? value : value instanceof Number n ? exactLong(n, type) : fail(value, type);
        case FLOAT -> value instanceof Float ? value : value instanceof Number n ? checkFloat(n.floatValue(), isZeroOrInfinite(n), value, type,
            lossy) : fail(value, type);
        case DOUBLE -> value instanceof Double ? value : value instanceof Number n ? checkDouble(n.doubleValue(),
            isZeroOrInfinite(n), value, type, lossy) : fail(value, type);
        case DECIMAL -> decimal(type, value);
        case STRING -> value instanceof String || value instanceof Character ? text(value.toString(), lossy)
            : fail(value, type);
        case BINARY -> value instanceof byte[] b ? ByteBuffer.wrap(b.clone()).asReadOnlyBuffer()
            : value instanceof ByteBuffer bb ? bb.asReadOnlyBuffer() : fail(value, type);
        case DATE -> requireClass(value, LocalDate.class, type);
        case TIME -> value instanceof LocalTime t ? atMicros(t, t.getNano(), type, lossy)
            : fail(value, type);
        case TIMESTAMP -> value instanceof LocalDateTime t ? atMicros(t, t.getNano(), type, lossy)
            : fail(value, type);
        case TIMESTAMPTZ -> timestamptz(value, type, lossy);
        case UUID -> requireClass(value, UUID.class, type);
        case STRUCT, LIST, MAP -> NestedValues.coerce(type, value, lossy);
      };
    } catch (ArithmeticException e) {
      throw new ValidationException("Value " + value + " does not fit type " + type);
    }
  }

  /**
   * Parses the text form of a value of {@code type} (as written by {@link #toText}).
   *
   * @throws ValidationException if the text is not a value of the type, or only with a loss of information
   */
  public static Object fromText(Type type, String text) {
    return fromText(type, text, LossyInput.REFUSE);
  }

  /** As {@link #fromText(Type, String)}, performing lossy conversions when {@code lossy} allows them. */
  public static Object fromText(Type type, String text, LossyInput lossy) {
    return inRange(type, parse(type, text, lossy));
  }

  private static Object parse(Type type, String text, LossyInput lossy) {
    String s = text.trim();
    try {
      return switch (type.id()) {
        case BOOLEAN -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
          case "true" -> Boolean.TRUE;
          case "false" -> Boolean.FALSE;
          default -> fail(text, type);
        };
        case INT -> Integer.parseInt(s);
        case LONG -> Long.parseLong(s);
        case FLOAT -> checkFloat(Float.parseFloat(s), textIsZeroOrInfinite(s), text, type, lossy);
        case DOUBLE -> checkDouble(Double.parseDouble(s), textIsZeroOrInfinite(s), text, type, lossy);
        case DECIMAL -> decimal(type, new BigDecimal(s));
        case STRING -> text(text, lossy);
        case BINARY -> ByteBuffer.wrap(Base64.getDecoder().decode(s)).asReadOnlyBuffer();
        case DATE -> LocalDate.parse(s);
        case TIME -> {
          LocalTime t = LocalTime.parse(s);
          yield atMicros(t, t.getNano(), type, lossy);
        }
        case TIMESTAMP -> {
          LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'));
          yield atMicros(t, t.getNano(), type, lossy);
        }
        case TIMESTAMPTZ -> {
          Instant i = parseInstant(s);
          yield atMicros(i, i.getNano(), type, lossy);
        }
        case UUID -> UUID.fromString(s);
        case STRUCT, LIST, MAP -> throw new ValidationException("A " + type.id().typeName() + " value cannot be"
            + " read from text such as '" + abbreviate(text) + "'; nested values come from JSON Lines input or"
            + " the Java API (Record, List, Map)");
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new ValidationException("Cannot read '" + text + "' as " + type + describeExpected(type));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("Cannot read '" + text + "' as " + type + describeExpected(type));
    }
  }

  /**
   * Why a canonical value of {@code type} cannot be stored, or null if it can: dates are stored as 32-bit days
   * and timestamps as 64-bit microseconds since 1970, which cover about ±5.8 million and ±292,000 years.
   */
  public static String rangeProblem(Type type, Object value) {
    try {
      switch (type.id()) {
        case DATE -> Math.toIntExact(((LocalDate) value).toEpochDay());
        case TIMESTAMP -> micros((LocalDateTime) value);
        case TIMESTAMPTZ -> micros((Instant) value);
        default -> {
          return null;
        }
      }
      return null;
    } catch (ArithmeticException e) {
      return "is outside the range " + type + " values are stored in (" + (type.id() == TypeId.DATE
          ? "32-bit days" : "64-bit microseconds") + " since 1970-01-01)";
    }
  }

  private static Object inRange(Type type, Object value) {
    String problem = value == null ? null : rangeProblem(type, value);
    if (problem != null) {
      throw new ValidationException("Value " + describe(value) + " " + problem);
    }
    return value;
  }

  /** The text form of a value: ISO-8601 for times, plain digits for decimals, Base64 for binary. */
  public static String toText(Type type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.id()) {
      case BINARY -> {
        ByteBuffer bb = ((ByteBuffer) value).duplicate();
        byte[] b = new byte[bb.remaining()];
        bb.get(b);
        yield Base64.getEncoder().encodeToString(b);
      }
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      default -> value.toString();
    };
  }

  /** A short description of a value for error messages; binary values print as hex. */
  public static String describe(Object value) {
    if (value instanceof ByteBuffer bb) {
      ByteBuffer d = bb.duplicate();
      byte[] b = new byte[Math.min(d.remaining(), 16)];
      d.get(b);
      return "0x" + HexFormat.of().formatHex(b) + (bb.remaining() > 16 ? "..." : "");
    }
    return value instanceof String ? "'" + value + "'" : String.valueOf(value);
  }

  private static Instant parseInstant(String s) {
    String t = s.replace(' ', 'T');
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e2) {
        return ZonedDateTime.parse(t).toInstant();
      }
    }
  }

  private static Object timestamptz(Object value, Type type, LossyInput lossy) {
    Instant i;
    if (value instanceof Instant v) {
      i = v;
    } else if (value instanceof OffsetDateTime o) {
      i = o.toInstant();
    } else if (value instanceof ZonedDateTime z) {
      i = z.toInstant();
    } else {
      return fail(value, type);
    }
    return atMicros(i, i.getNano(), type, lossy);
  }

  /** A time value at microsecond precision, the precision every time type is stored at. */
  @SuppressWarnings("unchecked")
  private static <T extends java.time.temporal.Temporal> T atMicros(T t, int nanos, Type type,
      LossyInput lossy) {
    if (nanos % 1000 == 0) {
      return t;
    }
    if (lossy == LossyInput.REFUSE) {
      throw new ValidationException("Value " + t + " is finer than microseconds; " + type + " values are stored"
          + " to the microsecond, so it would be truncated (round it first, or allow lossy input)");
    }
    return (T) t.minus(nanos % 1000, ChronoUnit.NANOS);
  }

  private static Object checkFloat(float f, boolean zeroOrInfiniteInput, Object input, Type type,
      LossyInput lossy) {
    checkRange(Float.isInfinite(f), f == 0.0f, zeroOrInfiniteInput, input, type, lossy);
    return f;
  }

  private static Object checkDouble(double d, boolean zeroOrInfiniteInput, Object input, Type type,
      LossyInput lossy) {
    checkRange(Double.isInfinite(d), d == 0.0d, zeroOrInfiniteInput, input, type, lossy);
    return d;
  }

  private static void checkRange(boolean infinite, boolean zero, boolean zeroOrInfiniteInput, Object input,
      Type type, LossyInput lossy) {
    if (lossy == LossyInput.ALLOW || zeroOrInfiniteInput) {
      return;
    }
    if (infinite) {
      throw new ValidationException("Value " + describe(input) + " is too large for " + type + "; it would be"
          + " stored as infinity (write Infinity to mean it, or allow lossy input)");
    }
    if (zero) {
      throw new ValidationException("Value " + describe(input) + " is too small for " + type + "; it would be"
          + " stored as 0 (write 0 to mean it, or allow lossy input)");
    }
  }

  // An input that already is zero, infinite or NaN converts without loss of range.
  private static boolean isZeroOrInfinite(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return d == 0.0 || Double.isInfinite(d) || Double.isNaN(d);
    }
    if (n instanceof BigDecimal bd) {
      return bd.signum() == 0;
    }
    return n.longValue() == 0 && (!(n instanceof BigInteger bi) || bi.signum() == 0);
  }

  private static boolean textIsZeroOrInfinite(String s) {
    String t = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    if (t.equals("Infinity") || t.equals("NaN")) {
      return true;
    }
    try {
      return new BigDecimal(t).signum() == 0;
    } catch (NumberFormatException e) {
      return true; // hexadecimal floating-point literals are exact by construction
    }
  }

  private static String text(String s, LossyInput lossy) {
    if (Limits.unpairedSurrogate(s) < 0) {
      return s;
    }
    if (lossy == LossyInput.REFUSE) {
      Limits.checkUnicode("Text " + describe(abbreviate(s)), s);
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 32) + "...";
  }

  private static BigDecimal decimal(Type type, Object value) {
    BigDecimal d;
    if (value instanceof BigDecimal b) {
      d = b;
    } else if (value instanceof BigInteger bi) {
      d = new BigDecimal(bi);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      d = BigDecimal.valueOf(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      d = new BigDecimal(value.toString());
    } else {
      return fail(value, type);
    }
    BigDecimal scaled;
    try {
      scaled = d.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new ValidationException("Value " + value + " has more than " + type.scale()
          + " fraction digits for " + type);
    }
    if (scaled.precision() > type.precision()) {
      throw new ValidationException("Value " + value + " has more than " + type.precision()
          + " digits for " + type);
    }
    return scaled;
  }

  private static long exactLong(Number n, Type type) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return n.longValue();
    }
    if (n instanceof BigInteger bi) {
      return bi.longValueExact();
    }
    if (n instanceof BigDecimal bd) {
      return bd.longValueExact();
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw new ValidationException("Value " + n + " is not a whole number for type " + type);
    }
    return (long) d;
  }

  private static <T> T requireClass(Object value, Class<T> cls, Type type) {
    if (cls.isInstance(value)) {
      return cls.cast(value);
    }
    return fail(value, type);
  }

  private static <T> T fail(Object value, Type type) {
    throw new ValidationException("Value " + describe(value) + " (" + value.getClass().getSimpleName()
        + ") is not a " + type + describeExpected(type));
  }

  private static String describeExpected(Type type) {
    return switch (type.id()) {
      case DATE -> " (expected yyyy-mm-dd)";
      case TIME -> " (expected hh:mm[:ss[.ffffff]])";
      case TIMESTAMP -> " (expected yyyy-mm-ddThh:mm[:ss[.ffffff]])";
      case TIMESTAMPTZ -> " (expected an ISO-8601 instant such as 2026-01-01T10:00:00Z)";
      case UUID -> " (expected 8-4-4-4-12 hex digits)";
      case BINARY -> " (expected Base64)";
      case BOOLEAN -> " (expected true or false)";
      default -> "";
    };
  }

  /** Epoch microseconds of an instant; timestamps are stored at this precision. */
  public static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  public static Instant instantFromMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  public static long micros(LocalDateTime t) {
    return micros(t.toInstant(ZoneOffset.UTC));
  }

  public static LocalDateTime localDateTimeFromMicros(long micros) {
    return LocalDateTime.ofInstant(instantFromMicros(micros), ZoneOffset.UTC);
  }
}
