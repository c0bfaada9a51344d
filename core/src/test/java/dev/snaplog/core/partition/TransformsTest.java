package dev.snaplog.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Transform values against the known values of the Iceberg table specification (appendix B and transforms). */
class TransformsTest {
  @Test
  void bucketHashesMatchTheSpecificationTable() {
    assertThat(Transform.Bucket.hash(Type.INT, 34)).isEqualTo(2017239379);
    assertThat(Transform.Bucket.hash(Type.LONG, 34L)).isEqualTo(2017239379);
    assertThat(Transform.Bucket.hash(Type.decimal(9, 2), new BigDecimal("14.20"))).isEqualTo(-500754589);
    assertThat(Transform.Bucket.hash(Type.DATE, LocalDate.of(2017, 11, 16))).isEqualTo(-653330422);
    assertThat(Transform.Bucket.hash(Type.TIME, LocalTime.of(22, 31, 8))).isEqualTo(-662762989);
    assertThat(Transform.Bucket.hash(Type.TIMESTAMP, LocalDateTime.parse("2017-11-16T22:31:08")))
        .isEqualTo(-2047944441);
    assertThat(Transform.Bucket.hash(Type.TIMESTAMP, LocalDateTime.parse("2017-11-16T22:31:08.000001")))
        .isEqualTo(-1207196810);
    assertThat(Transform.Bucket.hash(Type.TIMESTAMPTZ,
        OffsetDateTime.parse("2017-11-16T14:31:08-08:00").toInstant())).isEqualTo(-2047944441);
    assertThat(Transform.Bucket.hash(Type.TIMESTAMPTZ,
        OffsetDateTime.parse("2017-11-16T14:31:08.000001-08:00").toInstant())).isEqualTo(-1207196810);
    assertThat(Transform.Bucket.hash(Type.STRING, "iceberg")).isEqualTo(1210000089);
    assertThat(Transform.Bucket.hash(Type.UUID, UUID.fromString("f79c3e09-677c-4bbd-a479-3f349cb785e7")))
        .isEqualTo(1488055340);
    assertThat(Transform.Bucket.hash(Type.BINARY, ByteBuffer.wrap(new byte[] {0, 1, 2, 3})))
        .isEqualTo(-188683207);
  }

  @Test
  void murmurHandlesEveryTailLength() {
    // published values of MurmurHash3_x86_32 with seed 0
    assertThat(Murmur3.hash32(new byte[0])).isZero();
    assertThat(Murmur3.hash32("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x248bfa47);
    assertThat(Murmur3.hash32("hello, world".getBytes(StandardCharsets.UTF_8))).isEqualTo(0x149bbb7f);
    assertThat(Murmur3.hash32("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0x2e4ff723);
  }

  @Test
  void bucketMasksTheHashAndTakesTheRemainder() {
    Transform b16 = Transforms.bucket(16);
    assertThat(b16.apply(Type.INT, 34)).isEqualTo((2017239379 & Integer.MAX_VALUE) % 16);
    assertThat(b16.apply(Type.LONG, 34L)).isEqualTo(3);
    // a negative hash still lands in 0..N-1
    assertThat((Integer) Transforms.bucket(100).apply(Type.DATE, LocalDate.of(2017, 11, 16))).isEqualTo(26);
    assertThat(b16.apply(Type.STRING, null)).isNull();
    assertThat(b16.resultType(Type.STRING)).isEqualTo(Type.INT);
  }

  @Test
  void truncateMatchesTheSpecificationExamples() {
    Transform t10 = Transforms.truncate(10);
    assertThat(t10.apply(Type.INT, 1)).isEqualTo(0);
    assertThat(t10.apply(Type.INT, -1)).isEqualTo(-10);
    assertThat(t10.apply(Type.LONG, 1L)).isEqualTo(0L);
    assertThat(t10.apply(Type.LONG, -1L)).isEqualTo(-10L);
    assertThat(Transforms.truncate(50).apply(Type.decimal(9, 2), new BigDecimal("10.65")))
        .isEqualTo(new BigDecimal("10.50"));
    assertThat(Transforms.truncate(3).apply(Type.STRING, "iceberg")).isEqualTo("ice");
    assertThat(Transforms.truncate(3).apply(Type.BINARY, ByteBuffer.wrap(new byte[] {1, 2, 3, 4})))
        .isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    // code points, not UTF-16 units: a character beyond the BMP is kept whole
    assertThat(Transforms.truncate(2).apply(Type.STRING, "a\ud83d\ude00b")).isEqualTo("a\ud83d\ude00");
  }

  @Test
  void timeTransformsCountUnitsSince1970RoundingDown() {
    LocalDateTime ts = LocalDateTime.parse("2017-11-16T22:31:08");
    assertThat(Transforms.year().apply(Type.TIMESTAMP, ts)).isEqualTo(47);
    assertThat(Transforms.month().apply(Type.TIMESTAMP, ts)).isEqualTo(47 * 12 + 10);
    assertThat(Transforms.day().apply(Type.TIMESTAMP, ts)).isEqualTo(LocalDate.of(2017, 11, 16));
    assertThat(Transforms.hour().apply(Type.TIMESTAMP, ts)).isEqualTo((int) (17486L * 24 + 22));
    assertThat(Transforms.day().apply(Type.TIMESTAMPTZ, Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo(LocalDate.of(1969, 12, 31));
    assertThat(Transforms.hour().apply(Type.TIMESTAMPTZ, Instant.parse("1969-12-31T23:59:59Z"))).isEqualTo(-1);
    assertThat(Transforms.year().apply(Type.DATE, LocalDate.of(1969, 1, 1))).isEqualTo(-1);
    assertThat(Transforms.month().apply(Type.DATE, LocalDate.of(1969, 12, 31))).isEqualTo(-1);
  }

  @Test
  void humanStringsNameTheUnit() {
    assertThat(Transforms.year().toHumanString(Type.DATE, 47)).isEqualTo("2017");
    assertThat(Transforms.month().toHumanString(Type.DATE, 47 * 12 + 10)).isEqualTo("2017-11");
    assertThat(Transforms.day().toHumanString(Type.DATE, LocalDate.of(2017, 11, 16))).isEqualTo("2017-11-16");
    assertThat(Transforms.hour().toHumanString(Type.TIMESTAMP, 17486 * 24 + 22)).isEqualTo("2017-11-16-22");
    assertThat(Transforms.bucket(4).toHumanString(Type.LONG, null)).isEqualTo("null");
  }

  @Test
  void storedFormsRoundTrip() {
    for (Transform t : new Transform[] {Transforms.identity(), Transforms.year(), Transforms.month(),
        Transforms.day(), Transforms.hour(), Transforms.bucket(16), Transforms.truncate(4)}) {
      assertThat(Transforms.fromString(t.toString())).isEqualTo(t);
    }
    assertThatThrownBy(() -> Transforms.fromString("weekly")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Unknown partition transform 'weekly'").hasMessageContaining("bucket[N]");
    assertThatThrownBy(() -> Transforms.bucket(0)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void transformsRefuseTypesTheyCannotApplyTo() {
    assertThat(Transforms.bucket(4).canTransform(Type.DOUBLE)).isFalse();
    assertThat(Transforms.bucket(4).canTransform(Type.BOOLEAN)).isFalse();
    assertThat(Transforms.hour().canTransform(Type.DATE)).isFalse();
    assertThat(Transforms.day().canTransform(Type.DATE)).isTrue();
    assertThat(Transforms.truncate(2).canTransform(Type.UUID)).isFalse();
    assertThat(Transforms.identity().canTransform(Type.DOUBLE)).isTrue();
  }
}
