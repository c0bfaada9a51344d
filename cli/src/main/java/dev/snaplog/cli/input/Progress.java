package dev.snaplog.cli.input;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One self-overwriting status line on stderr during long imports: rows, bytes, rows/s. Drawn at most every
 * 200 ms, and only on a terminal; in pipes and logs a carriage-return line is noise.
 */
public final class Progress {
  private static final long INTERVAL_NANOS = 200_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long lastDraw;
  private boolean drawn;

  public Progress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Redraws if enough time has passed since the last draw. */
  public void update(String phase, String file, long rows, long bytes) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < INTERVAL_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    double secs = Math.max(1e-3, (now - start) / 1e9);
    err.print(String.format(Locale.ROOT, "\r\033[K%s %s: %,d rows, %s, %,.0f rows/s", phase, file, rows,
        bytes(bytes), rows / secs));
    err.flush();
  }

  /** Erases the line so the final message starts clean. */
  public void clear() {
    if (drawn) {
      err.print("\r\033[K");
      err.flush();
      drawn = false;
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
  }
}
