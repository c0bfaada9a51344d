package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** A schema with every type (decimals at each physical width) and seeded random rows of it. */
final class AllTypes {
  static final Schema SCHEMA = new Schema(List.of(
      Field.required(1, "id", Type.LONG),
      Field.optional(2, "flag", Type.BOOLEAN),
      Field.optional(3, "i", Type.INT),
      Field.optional(4, "l", Type.LONG),
      Field.optional(5, "f", Type.FLOAT),
      Field.optional(6, "d", Type.DOUBLE),
      Field.optional(7, "dec9", Type.decimal(9, 2)),
      Field.optional(8, "dec18", Type.decimal(18, 6)),
      Field.optional(9, "dec38", Type.decimal(38, 10)),
      Field.optional(10, "dec1", Type.decimal(1, 0)),
      Field.optional(11, "s", Type.STRING),
      Field.optional(12, "b", Type.BINARY),
      Field.optional(13, "date", Type.DATE),
      Field.optional(14, "time", Type.TIME),
      Field.optional(15, "ts", Type.TIMESTAMP),
      Field.optional(16, "tstz", Type.TIMESTAMPTZ),
      Field.optional(17, "u", Type.UUID),
      Field.optional(18, "nothing", Type.STRING),
      Field.required(19, "req_s", Type.STRING)));

  private AllTypes() {}

  /** Hand-picked edge values first, then random ones; column "nothing" is always null. */
  static List<Record> rows(int count, long seed) {
    List<Record> out = new ArrayList<>(edgeRows());
    Random rnd = new Random(seed);
    for (int i = out.size(); i < count; i++) {
      out.add(randomRow(i, rnd));
    }
    return out;
  }

  static List<Record> edgeRows() {
    List<Record> rows = new ArrayList<>();
    rows.add(GenericRecord.of(SCHEMA, 0L, true, Integer.MIN_VALUE, Long.MIN_VALUE, -0.0f, 0.0d,
        new BigDecimal("-9999999.99"), new BigDecimal("-999999999999.999999"),
        new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("-9"), "",
        new byte[0], LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
        Instant.parse("1900-01-01T00:00:00Z"), new UUID(0L, 0L), null, "a"));
    rows.add(GenericRecord.of(SCHEMA, 1L, false, Integer.MAX_VALUE, Long.MAX_VALUE, Float.NaN, Double.NaN,
        new BigDecimal("9999999.99"), new BigDecimal("999999999999.999999"),
        new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("9"),
        "\uD83D\uDE00 beyond the BMP", new byte[] {(byte) 0xff, 0, 1}, LocalDate.of(9999, 12, 31),
        LocalTime.of(23, 59, 59, 999_999_000), LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000),
        Instant.parse("2262-04-11T23:47:16.854775Z"), new UUID(-1L, -1L), null, "\uffff"));
    rows.add(GenericRecord.of(SCHEMA, 2L, null, null, null, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        null, null, null, null, null, null, null, null, null, null,
        UUID.fromString("80000000-0000-0000-0000-000000000000"), null, "b"));
    return rows;
  }

  static Record randomRow(long id, Random rnd) {
    return GenericRecord.of(SCHEMA, id,
        maybe(rnd, rnd.nextBoolean()),
        maybe(rnd, rnd.nextInt()),
        maybe(rnd, rnd.nextLong()),
        maybe(rnd, (rnd.nextFloat() - 0.5f) * 1e6f),
        maybe(rnd, rnd.nextGaussian() * 1e12),
        maybe(rnd, BigDecimal.valueOf(rnd.nextInt(2_000_000_000) - 1_000_000_000L, 2)),
        maybe(rnd, BigDecimal.valueOf(rnd.nextLong() % 1_000_000_000_000_000_000L, 6)),
        maybe(rnd, new BigDecimal(new BigInteger(120, rnd).subtract(BigInteger.ONE.shiftLeft(119)), 10)),
        maybe(rnd, BigDecimal.valueOf(rnd.nextInt(19) - 9)),
        maybe(rnd, randomString(rnd)),
        maybe(rnd, randomBytes(rnd)),
        maybe(rnd, LocalDate.ofEpochDay(rnd.nextInt(40_000) - 20_000)),
        maybe(rnd, LocalTime.ofNanoOfDay((rnd.nextLong() & Long.MAX_VALUE) % 86_400_000_000L * 1000)),
        maybe(rnd, LocalDateTime.of(1900 + rnd.nextInt(300), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28),
            rnd.nextInt(24), rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000) * 1000)),
        maybe(rnd, Instant.ofEpochSecond(rnd.nextInt(), rnd.nextInt(1_000_000) * 1000L)),
        maybe(rnd, new UUID(rnd.nextLong(), rnd.nextLong())),
        null,
        randomString(rnd));
  }

  private static Object maybe(Random rnd, Object v) {
    return rnd.nextInt(5) == 0 ? null : v;
  }

  private static String randomString(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int len = rnd.nextInt(12);
    for (int i = 0; i < len; i++) {
      int kind = rnd.nextInt(10);
      if (kind == 0) {
        sb.appendCodePoint(0x1F600 + rnd.nextInt(50)); // outside the BMP: UTF-16 order differs
      } else if (kind == 1) {
        sb.append((char) (0xE000 + rnd.nextInt(0x1000))); // high BMP, sorts above surrogates in UTF-8
      } else {
        sb.append((char) ('a' + rnd.nextInt(26)));
      }
    }
    return sb.toString();
  }

  private static byte[] randomBytes(Random rnd) {
    byte[] b = new byte[rnd.nextInt(8)];
    rnd.nextBytes(b);
    return b;
  }
}
