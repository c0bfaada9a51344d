package dev.snaplog.core.data;

import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Converts between canonical Java values (see {@link Type}) and Parquet primitives. Writing, reading rows and
 * decoding row-group statistics all go through here, so a value and its statistics always decode alike.
 */
final class ParquetValues {
  private ParquetValues() {}

  /** Adds one non-null canonical value of {@code type} to the current field of {@code rc}. */
  static void write(RecordConsumer rc, Type type, Object value) {
    switch (type.id()) {
      case BOOLEAN:
        rc.addBoolean((Boolean) value);
        break;
      case INT:
        rc.addInteger((Integer) value);
        break;
      case LONG:
        rc.addLong((Long) value);
        break;
      case FLOAT:
        rc.addFloat((Float) value);
        break;
      case DOUBLE:
        rc.addDouble((Double) value);
        break;
      case DECIMAL:
        writeDecimal(rc, type, (BigDecimal) value);
        break;
      case STRING:
        // a byte-array Binary: the dictionary hashes and compares it, and the statistics order it, faster than
        // the buffer-backed one Binary.fromString makes; the array is never reused, so it counts as constant
        rc.addBinary(Binary.fromConstantByteArray(((String) value).getBytes(StandardCharsets.UTF_8)));
        break;
      case BINARY:
        rc.addBinary(Binary.fromReusedByteBuffer(((ByteBuffer) value).duplicate()));
        break;
      case DATE:
        rc.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
        break;
      case TIME:
        rc.addLong(((LocalTime) value).toNanoOfDay() / 1000);
        break;
      case TIMESTAMP:
        rc.addLong(Literals.micros((LocalDateTime) value));
        break;
      case TIMESTAMPTZ:
        rc.addLong(Literals.micros((Instant) value));
        break;
      case UUID:
        rc.addBinary(Binary.fromConstantByteArray(uuidBytes((UUID) value)));
        break;
      default:
        throw new IllegalArgumentException("no Parquet mapping for " + type);
    }
  }

  private static void writeDecimal(RecordConsumer rc, Type type, BigDecimal value) {
    BigInteger unscaled = value.unscaledValue();
    PrimitiveTypeName physical = ParquetTypes.decimalPhysicalType(type);
    if (physical == PrimitiveTypeName.INT32) {
      rc.addInteger(unscaled.intValueExact());
    } else if (physical == PrimitiveTypeName.INT64) {
      rc.addLong(unscaled.longValueExact());
    } else {
      rc.addBinary(Binary.fromConstantByteArray(fixedTwosComplement(unscaled,
          ParquetTypes.decimalBytes(type.precision()))));
    }
  }

  /**
   * The canonical value of {@code type} for a Parquet primitive as converters and statistics hand it over:
   * Boolean, Integer, Long, Float, Double or {@link Binary}.
   */
  static Object read(Type type, Object raw) {
    switch (type.id()) {
      case BOOLEAN:
      case INT:
      case LONG:
      case FLOAT:
      case DOUBLE:
        return raw;
      case DECIMAL:
        return readDecimal(type, raw);
      case STRING:
        return ((Binary) raw).toStringUsingUTF8();
      case BINARY:
        return ByteBuffer.wrap(copyBytes((Binary) raw)).asReadOnlyBuffer();
      case DATE:
        return LocalDate.ofEpochDay((Integer) raw);
      case TIME:
        return LocalTime.ofNanoOfDay(Math.multiplyExact((Long) raw, 1000L));
      case TIMESTAMP:
        return Literals.localDateTimeFromMicros((Long) raw);
      case TIMESTAMPTZ:
        return Literals.instantFromMicros((Long) raw);
      case UUID:
        return uuid((Binary) raw);
      default:
        throw new IllegalArgumentException("no Parquet mapping for " + type);
    }
  }

  private static BigDecimal readDecimal(Type type, Object raw) {
    if (raw instanceof Integer i) {
      return BigDecimal.valueOf(i, type.scale());
    }
    if (raw instanceof Long l) {
      return BigDecimal.valueOf(l, type.scale());
    }
    return new BigDecimal(new BigInteger(((Binary) raw).getBytes()), type.scale());
  }

  // Binary instances handed to converters may share a buffer the reader reuses for the next value.
  private static byte[] copyBytes(Binary b) {
    return b.copy().getBytes();
  }

  static byte[] uuidBytes(UUID u) {
    return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
        .array();
  }

  private static UUID uuid(Binary b) {
    ByteBuffer bb = ByteBuffer.wrap(b.getBytes());
    return new UUID(bb.getLong(), bb.getLong());
  }

  /** Big-endian two's complement of {@code v} sign-extended to exactly {@code length} bytes. */
  static byte[] fixedTwosComplement(BigInteger v, int length) {
    byte[] minimal = v.toByteArray();
    if (minimal.length > length) {
      throw new ArithmeticException(v + " does not fit in " + length + " bytes");
    }
    byte[] out = new byte[length];
    byte pad = (byte) (v.signum() < 0 ? 0xff : 0x00);
    int offset = length - minimal.length;
    java.util.Arrays.fill(out, 0, offset, pad);
    System.arraycopy(minimal, 0, out, offset, minimal.length);
    return out;
  }
}
