package dev.snaplog.core.partition;

import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A function from a source column's value to a partition value. The value semantics are those of the Iceberg
 * table specification, so partition values (and the files they place rows in) agree with other engines:
 * {@code bucket[N]} is the 32-bit Murmur3 hash of the value's canonical bytes, masked to non-negative, mod N;
 * {@code truncate[W]} rounds numbers down to a multiple of W and cuts strings to W code points and binary to
 * W bytes; {@code year}, {@code month}, {@code day} and {@code hour} count whole units since 1970-01-01T00:00
 * (UTC), rounding down before 1970. Null maps to null under every transform.
 *
 * <p>Values in and out are in their type's canonical Java class (see {@link Type}); {@code day} produces a
 * {@link LocalDate}, the other time transforms and {@code bucket} an {@link Integer}.
 */
public sealed interface Transform {
  /** The form stored in table metadata: {@code identity}, {@code bucket[16]}, {@code truncate[4]}, {@code day}. */
  @Override
  String toString();

  /** The types this transform applies to. */
  Set<TypeId> sourceTypes();

  /** The type of the partition values it produces from a source of type {@code source}. */
  Type resultType(Type source);

  /** The partition value of {@code value} (a canonical value of {@code source}, or null). */
  Object apply(Type source, Object value);

  /**
   * True if {@code a <= b} implies {@code apply(a) <= apply(b)}: range filters on the source then narrow to
   * ranges of partition values. Bucketing scatters values, so only equality survives it.
   */
  boolean preservesOrder();

  /** Whether this transform can partition a column of {@code source}. */
  default boolean canTransform(Type source) {
    return sourceTypes().contains(source.id());
  }

  /** The name a partition field of this transform gets by default: {@code id_bucket}, {@code ts_day}, ... */
  String defaultFieldName(String sourceName);

  /** The text of a partition value in a partition path ({@code 2026-01-02} for a day, {@code 3} for a bucket). */
  default String toHumanString(Type source, Object partitionValue) {
    return partitionValue == null ? "null" : Literals.toText(resultType(source), partitionValue);
  }

  Set<TypeId> PRIMITIVES = EnumSet.of(TypeId.BOOLEAN, TypeId.INT, TypeId.LONG, TypeId.FLOAT, TypeId.DOUBLE,
      TypeId.DECIMAL, TypeId.STRING, TypeId.BINARY, TypeId.DATE, TypeId.TIME, TypeId.TIMESTAMP,
      TypeId.TIMESTAMPTZ, TypeId.UUID);

  /** The value as is. */
  record Identity() implements Transform {
    @Override
    public Set<TypeId> sourceTypes() {
      return PRIMITIVES;
    }

    @Override
    public Type resultType(Type source) {
      return source;
    }

    @Override
    public Object apply(Type source, Object value) {
      return value;
    }

    @Override
    public boolean preservesOrder() {
      return true;
    }

    @Override
    public String defaultFieldName(String sourceName) {
      return sourceName;
    }

    @Override
    public String toString() {
      return "identity";
    }
  }

  /** A hash of the value mod {@code numBuckets}: spreads rows evenly over a fixed number of partitions. */
  record Bucket(int numBuckets) implements Transform {
    private static final Set<TypeId> SOURCES = EnumSet.of(TypeId.INT, TypeId.LONG, TypeId.DECIMAL, TypeId.DATE,
        TypeId.TIME, TypeId.TIMESTAMP, TypeId.TIMESTAMPTZ, TypeId.STRING, TypeId.BINARY, TypeId.UUID);

    public Bucket {
      if (numBuckets <= 0) {
        throw new dev.snaplog.core.exceptions.ValidationException("bucket needs a positive number of buckets,"
            + " got " + numBuckets);
      }
    }

    @Override
    public Set<TypeId> sourceTypes() {
      return SOURCES;
    }

    @Override
    public Type resultType(Type source) {
      return Type.INT;
    }

    @Override
    public Object apply(Type source, Object value) {
      return value == null ? null : (hash(source, value) & Integer.MAX_VALUE) % numBuckets;
    }

    /** The 32-bit Murmur3 hash of the value's canonical bytes, as the table specification defines them. */
    public static int hash(Type source, Object value) {
      return Murmur3.hash32(canonicalBytes(source, value));
    }

    // Integers and every time type hash as 8 little-endian bytes of a long (days, or microseconds), so an int
    // promoted to long keeps its bucket; decimals as the minimal big-endian two's complement of the unscaled
    // value; UUIDs as 16 big-endian bytes.
    private static byte[] canonicalBytes(Type source, Object value) {
      return switch (source.id()) {
        case INT -> longBytes((Integer) value);
        case LONG -> longBytes((Long) value);
        case DATE -> longBytes(((LocalDate) value).toEpochDay());
        case TIME -> longBytes(((LocalTime) value).toNanoOfDay() / 1000);
        case TIMESTAMP -> longBytes(Literals.micros((LocalDateTime) value));
        case TIMESTAMPTZ -> longBytes(Literals.micros((Instant) value));
        case DECIMAL -> ((BigDecimal) value).unscaledValue().toByteArray();
        case STRING -> ((String) value).getBytes(StandardCharsets.UTF_8);
        case BINARY -> bytes((ByteBuffer) value);
        case UUID -> ByteBuffer.allocate(16).putLong(((UUID) value).getMostSignificantBits())
            .putLong(((UUID) value).getLeastSignificantBits()).array();
        default -> throw new IllegalArgumentException("bucket cannot hash " + source);
      };
    }

    private static byte[] longBytes(long v) {
      return ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Override
    public boolean preservesOrder() {
      return false;
    }

    @Override
    public String defaultFieldName(String sourceName) {
      return sourceName + "_bucket";
    }

    @Override
    public String toString() {
      return "bucket[" + numBuckets + "]";
    }
  }

  /** Numbers rounded down to a multiple of {@code width}; strings and binary cut to {@code width}. */
  record Truncate(int width) implements Transform {
    private static final Set<TypeId> SOURCES = EnumSet.of(TypeId.INT, TypeId.LONG, TypeId.DECIMAL,
        TypeId.STRING, TypeId.BINARY);

    public Truncate {
      if (width <= 0) {
        throw new dev.snaplog.core.exceptions.ValidationException("truncate needs a positive width, got "
            + width);
      }
    }

    @Override
    public Set<TypeId> sourceTypes() {
      return SOURCES;
    }

    @Override
    public Type resultType(Type source) {
      return source;
    }

    @Override
    public Object apply(Type source, Object value) {
      if (value == null) {
        return null;
      }
      return switch (source.id()) {
        case INT -> {
          int v = (Integer) value;
          yield v - Math.floorMod(v, width);
        }
        case LONG -> {
          long v = (Long) value;
          yield v - Math.floorMod(v, (long) width);
        }
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) value;
          BigInteger unscaled = d.unscaledValue();
          BigInteger w = BigInteger.valueOf(width);
          yield new BigDecimal(unscaled.subtract(unscaled.mod(w)), d.scale());
        }
        case STRING -> {
          String s = (String) value;
          yield s.codePointCount(0, s.length()) <= width ? s : s.substring(0, s.offsetByCodePoints(0, width));
        }
        case BINARY -> {
          ByteBuffer b = ((ByteBuffer) value).duplicate();
          if (b.remaining() > width) {
            b.limit(b.position() + width);
          }
          yield ByteBuffer.wrap(bytes(b)).asReadOnlyBuffer();
        }
        default -> throw new IllegalArgumentException("truncate cannot apply to " + source);
      };
    }

    @Override
    public boolean preservesOrder() {
      return true;
    }

    @Override
    public String defaultFieldName(String sourceName) {
      return sourceName + "_trunc";
    }

    @Override
    public String toString() {
      return "truncate[" + width + "]";
    }
  }

  /** The units of the time transforms. */
  enum TimeUnit { YEAR, MONTH, DAY, HOUR }

  /** Whole years, months, days or hours since 1970-01-01T00:00 UTC. */
  record Time(TimeUnit unit) implements Transform {
    private static final Set<TypeId> DATES_AND_TIMESTAMPS = EnumSet.of(TypeId.DATE, TypeId.TIMESTAMP,
        TypeId.TIMESTAMPTZ);
    private static final Set<TypeId> TIMESTAMPS = EnumSet.of(TypeId.TIMESTAMP, TypeId.TIMESTAMPTZ);
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    private static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    @Override
    public Set<TypeId> sourceTypes() {
      return unit == TimeUnit.HOUR ? TIMESTAMPS : DATES_AND_TIMESTAMPS;
    }

    @Override
    public Type resultType(Type source) {
      return unit == TimeUnit.DAY ? Type.DATE : Type.INT;
    }

    @Override
    public Object apply(Type source, Object value) {
      if (value == null) {
        return null;
      }
      if (source.id() == TypeId.DATE) {
        LocalDate d = (LocalDate) value;
        return switch (unit) {
          case YEAR -> d.getYear() - 1970;
          case MONTH -> months(d.getYear(), d.getMonthValue());
          case DAY -> d;
          case HOUR -> throw new IllegalArgumentException("hour cannot apply to a date");
        };
      }
      long micros = value instanceof Instant i ? Literals.micros(i) : Literals.micros((LocalDateTime) value);
      return switch (unit) {
        case YEAR -> Literals.localDateTimeFromMicros(micros).getYear() - 1970;
        case MONTH -> {
          LocalDateTime t = Literals.localDateTimeFromMicros(micros);
          yield months(t.getYear(), t.getMonthValue());
        }
        case DAY -> LocalDate.ofEpochDay(Math.floorDiv(micros, MICROS_PER_DAY));
        case HOUR -> Math.toIntExact(Math.floorDiv(micros, MICROS_PER_HOUR));
      };
    }

    private static int months(int year, int month) {
      return (year - 1970) * 12 + month - 1;
    }

    @Override
    public String toHumanString(Type source, Object partitionValue) {
      if (partitionValue == null) {
        return "null";
      }
      return switch (unit) {
        case YEAR -> String.format("%04d", 1970 + (Integer) partitionValue);
        case MONTH -> YearMonth.of(1970, 1).plusMonths((Integer) partitionValue).toString();
        case DAY -> partitionValue.toString();
        case HOUR -> {
          LocalDateTime t = LocalDateTime.of(1970, 1, 1, 0, 0).plusHours((Integer) partitionValue);
          yield t.toLocalDate() + "-" + String.format("%02d", t.getHour());
        }
      };
    }

    @Override
    public boolean preservesOrder() {
      return true;
    }

    @Override
    public String defaultFieldName(String sourceName) {
      return sourceName + "_" + toString();
    }

    @Override
    public String toString() {
      return unit.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
