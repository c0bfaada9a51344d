package dev.snaplog.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Progress logging of the plain harness. */
final class Harness {
  private Harness() {}

  static void log(String format, Object... args) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(Locale.ROOT, format,
        args));
  }
}
