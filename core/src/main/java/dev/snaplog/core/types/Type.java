package dev.snaplog.core.types;

import dev.snaplog.core.exceptions.ValidationException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type. Immutable. Its string form ({@code long}, {@code decimal(10,2)}, {@code timestamptz}) is what
 * schemas store in JSON and what the CLI accepts.
 *
 * <p>Java values by type: boolean {@link Boolean}, int {@link Integer}, long {@link Long}, float
 * {@link Float}, double {@link Double}, decimal {@link java.math.BigDecimal} (with the type's scale), string
 * {@link String}, binary {@link java.nio.ByteBuffer}, date {@link java.time.LocalDate}, time
 * {@link java.time.LocalTime} (microsecond precision), timestamp {@link java.time.LocalDateTime}, timestamptz
 * {@link java.time.Instant} (both microsecond precision), uuid {@link java.util.UUID}.
 */
public final class Type {
  public static final Type BOOLEAN = new Type(TypeId.BOOLEAN, 0, 0);
  public static final Type INT = new Type(TypeId.INT, 0, 0);
  public static final Type LONG = new Type(TypeId.LONG, 0, 0);
  public static final Type FLOAT = new Type(TypeId.FLOAT, 0, 0);
  public static final Type DOUBLE = new Type(TypeId.DOUBLE, 0, 0);
  public static final Type STRING = new Type(TypeId.STRING, 0, 0);
  public static final Type BINARY = new Type(TypeId.BINARY, 0, 0);
  public static final Type DATE = new Type(TypeId.DATE, 0, 0);
  public static final Type TIME = new Type(TypeId.TIME, 0, 0);
  public static final Type TIMESTAMP = new Type(TypeId.TIMESTAMP, 0, 0);
  public static final Type TIMESTAMPTZ = new Type(TypeId.TIMESTAMPTZ, 0, 0);
  public static final Type UUID = new Type(TypeId.UUID, 0, 0);

  /** Decimals up to 38 digits, as in Parquet, Iceberg and most SQL engines. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  private final TypeId id;
  private final int precision;
  private final int scale;

  private Type(TypeId id, int precision, int scale) {
    this.id = id;
    this.precision = precision;
    this.scale = scale;
  }

  public static Type decimal(int precision, int scale) {
    ValidationException.check(precision >= 1 && precision <= MAX_DECIMAL_PRECISION,
        "decimal precision must be 1..%d, got %d", MAX_DECIMAL_PRECISION, precision);
    ValidationException.check(scale >= 0 && scale <= precision,
        "decimal scale must be 0..precision (%d), got %d", precision, scale);
    return new Type(TypeId.DECIMAL, precision, scale);
  }

  /**
   * Parses a type name as written in schemas: {@code boolean int long float double string binary date time
   * timestamp timestamptz uuid decimal(p,s)}; a few common aliases are accepted ({@code bigint}, {@code
   * integer}, {@code varchar}, {@code bool}, {@code bytes}).
   */
  public static Type parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (t) {
      case "boolean", "bool" -> BOOLEAN;
      case "int", "integer", "int32" -> INT;
      case "long", "bigint", "int64" -> LONG;
      case "float", "real" -> FLOAT;
      case "double" -> DOUBLE;
      case "string", "varchar", "text" -> STRING;
      case "binary", "bytes" -> BINARY;
      case "date" -> DATE;
      case "time" -> TIME;
      case "timestamp", "timestamp_ntz" -> TIMESTAMP;
      case "timestamptz", "timestamp_tz" -> TIMESTAMPTZ;
      case "uuid" -> UUID;
      default -> throw new ValidationException("Unknown type '" + text + "'; expected one of boolean, int, long,"
          + " float, double, decimal(p,s), string, binary, date, time, timestamp, timestamptz, uuid");
    };
  }

  public TypeId id() {
    return id;
  }

  /** Decimal precision; 0 for other types. */
  public int precision() {
    return precision;
  }

  /** Decimal scale; 0 for other types. */
  public int scale() {
    return scale;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Type t && t.id == id && t.precision == precision && t.scale == scale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, precision, scale);
  }

  @Override
  public String toString() {
    return id == TypeId.DECIMAL ? "decimal(" + precision + "," + scale + ")" : id.typeName();
  }
}
