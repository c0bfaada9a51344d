package dev.snaplog.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the times users type for {@code --as-of}: an ISO-8601 instant or offset date-time (exact), a local
 * date-time or date (read in the given zone: the system zone unless {@code --zone}), {@code now}, or a
 * relative form such as {@code -10m}, {@code -2h}, {@code -1d}, {@code -1h30m} (before now).
 */
public final class TimeParser {
  private static final Pattern RELATIVE = Pattern.compile("-((?:\\d+[smhdw])+)");
  private static final Pattern RELATIVE_PART = Pattern.compile("(\\d+)([smhdw])");

  private final ZoneId zone;
  private final Clock clock;

  public TimeParser(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * @throws CliException (exit code INVALID) naming the accepted forms, when {@code text} is none of them
   */
  public Instant parse(String text) {
    String t = text.trim();
    if (t.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    Matcher rel = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
    if (rel.matches()) {
      return clock.instant().minus(relative(rel.group(1), text));
    }
    String iso = t.replace(' ', 'T');
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException ignored) {
      // not an instant in UTC; try the forms below
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException ignored) {
      // no offset either
    }
    try {
      return ZonedDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException ignored) {
      // no zone id
    }
    try {
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeParseException ignored) {
      // not a local date-time
    }
    try {
      return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw CliException.invalid("Cannot read time '" + text + "': use an ISO-8601 instant"
          + " (2026-01-01T10:00:00Z), a local date-time in " + zone + " (2026-01-01T10:00 or 2026-01-01),"
          + " 'now', or a relative time such as -10m, -2h, -1d");
    }
  }

  private static Duration relative(String parts, String text) {
    Duration d = Duration.ZERO;
    Matcher m = RELATIVE_PART.matcher(parts);
    while (m.find()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw CliException.invalid("Relative time '" + text + "' is too large");
      }
      d = d.plus(switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      });
    }
    return d;
  }
}
