package dev.snaplog.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.exceptions.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** Conversions that would lose information are refused unless lossy input is allowed. */
class LiteralsLossTest {
  @Test
  void numbersBeyondFloatingRangeAreRefused() {
    assertThatThrownBy(() -> Literals.fromText(Type.DOUBLE, "1e400")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("too large for double");
    assertThatThrownBy(() -> Literals.fromText(Type.DOUBLE, "1e-400")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("too small for double");
    assertThatThrownBy(() -> Literals.fromText(Type.FLOAT, "1e39")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Literals.coerce(Type.FLOAT, 1e300d)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Literals.coerce(Type.DOUBLE, new BigDecimal("1e400")))
        .isInstanceOf(ValidationException.class);
    assertThat(Literals.fromText(Type.DOUBLE, "1e400", LossyInput.ALLOW)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Literals.fromText(Type.DOUBLE, "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Literals.fromText(Type.DOUBLE, "NaN")).isEqualTo(Double.NaN);
    assertThat(Literals.fromText(Type.DOUBLE, "-0.0")).isEqualTo(-0.0d);
    assertThat(Literals.fromText(Type.DOUBLE, "0.1")).isEqualTo(0.1d); // rounding is what a double means
    assertThat(Literals.coerce(Type.FLOAT, Float.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
  }

  @Test
  void timesFinerThanMicrosecondsAreRefused() {
    assertThatThrownBy(() -> Literals.fromText(Type.TIMESTAMPTZ, "2026-01-01T00:00:00.123456789Z"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("finer than microseconds");
    assertThatThrownBy(() -> Literals.coerce(Type.TIMESTAMP, LocalDateTime.of(2026, 1, 1, 0, 0, 0, 1)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Literals.coerce(Type.TIME, LocalTime.of(1, 2, 3, 4))).isInstanceOf(
        ValidationException.class);
    assertThat(Literals.fromText(Type.TIMESTAMPTZ, "2026-01-01T00:00:00.123456789Z", LossyInput.ALLOW))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertThat(Literals.fromText(Type.TIMESTAMPTZ, "2026-01-01T00:00:00.123456000Z"))
        .isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
  }

  @Test
  void valuesOutsideTheStoredRangeAreRefused() {
    assertThatThrownBy(() -> Literals.coerce(Type.TIMESTAMPTZ, Instant.parse("+1000000-01-01T00:00:00Z"))).isInstanceOf(
        ValidationException.class).hasMessageContaining("64-bit microseconds");
    assertThatThrownBy(() -> Literals.coerce(Type.DATE, LocalDate.MAX)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("32-bit days");
  }

  @Test
  void unpairedSurrogatesAreRefusedOrReplaced() {
    assertThatThrownBy(() -> Literals.coerce(Type.STRING, "a\uD800b")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("unpaired");
    assertThat(Literals.coerce(Type.STRING, "a\uD800b", LossyInput.ALLOW)).isEqualTo("a\uFFFDb");
    assertThat(Literals.coerce(Type.STRING, "\uD83D\uDE00")).isEqualTo("\uD83D\uDE00");
  }
}
