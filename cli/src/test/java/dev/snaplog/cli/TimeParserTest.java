package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeParserTest {
  private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
  private final TimeParser berlin = new TimeParser(ZoneId.of("Europe/Berlin"), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void exactForms() {
    assertThat(berlin.parse("2026-01-01T10:00:00Z")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(berlin.parse("2026-01-01T10:00:00.5+02:00")).isEqualTo(Instant.parse("2026-01-01T08:00:00.5Z"));
    assertThat(berlin.parse("2026-01-01T10:00:00Z[UTC]")).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void localFormsUseTheZone() {
    assertThat(berlin.parse("2026-01-01T10:00")).isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
    assertThat(berlin.parse("2026-07-01 10:00:00")).isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    assertThat(berlin.parse("2026-01-01")).isEqualTo(Instant.parse("2025-12-31T23:00:00Z"));
  }

  @Test
  void relativeForms() {
    assertThat(berlin.parse("now")).isEqualTo(NOW);
    assertThat(berlin.parse("-10m")).isEqualTo(NOW.minusSeconds(600));
    assertThat(berlin.parse("-2h")).isEqualTo(NOW.minusSeconds(7200));
    assertThat(berlin.parse("-1d")).isEqualTo(NOW.minusSeconds(86400));
    assertThat(berlin.parse("-1h30m")).isEqualTo(NOW.minusSeconds(5400));
    assertThat(berlin.parse("-1w")).isEqualTo(NOW.minusSeconds(7 * 86400));
  }

  @Test
  void rejectsOtherText() {
    assertThatThrownBy(() -> berlin.parse("yesterday")).isInstanceOf(CliException.class)
        .hasMessageContaining("Cannot read time 'yesterday'").hasMessageContaining("Europe/Berlin");
    assertThatThrownBy(() -> berlin.parse("-10x")).isInstanceOf(CliException.class);
    assertThatThrownBy(() -> berlin.parse("2026-13-01")).isInstanceOf(CliException.class);
  }
}
