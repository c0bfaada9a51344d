package dev.snaplog.cli;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.cli.output.Output;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What a running command needs from its surroundings: options, environment, streams, clock and the catalog
 * (opened on first use, closed when the command ends). Tests build one around in-memory streams.
 */
public final class CliContext implements AutoCloseable {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private final GlobalOptions options;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private Catalog catalog;
  private Output output;
  private ZoneId zone;

  CliContext(GlobalOptions options, Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
    this.options = options;
    this.env = env;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Clock clock() {
    return clock;
  }

  public boolean quiet() {
    return options.quiet;
  }

  public int verbosity() {
    return options.verbosity();
  }

  public Output output() {
    if (output == null) {
      output = new Output(options.format, out, options.quiet);
    }
    return output;
  }

  public String warehouse() {
    if (options.warehouse != null) {
      return options.warehouse;
    }
    String fromEnv = env.get("SNAPLOG_WAREHOUSE");
    return fromEnv == null || fromEnv.isBlank() ? Catalogs.DEFAULT_WAREHOUSE : fromEnv;
  }

  public Map<String, String> catalogProperties() {
    return options.catalogProperties(env);
  }

  /** The zone for local date-times: --zone, else the JVM's default (TZ or the OS setting). */
  public ZoneId zone() {
    if (zone == null) {
      try {
        zone = options.zone == null ? ZoneId.systemDefault() : ZoneId.of(options.zone);
      } catch (DateTimeException e) {
        throw CliException.invalid("Unknown time zone '" + options.zone + "'; use a region such as"
            + " Europe/Berlin, or an offset such as +02:00 or UTC");
      }
    }
    return zone;
  }

  public Instant parseTime(String text) {
    return new TimeParser(zone(), clock).parse(text);
  }

  /** A time as people read it, in the display zone; parseable by {@code --as-of}. */
  public String formatTime(Instant t) {
    return TIME.format(t.atZone(zone()));
  }

  /** Whether a progress line may be drawn: stderr is a terminal and the user did not ask for quiet. */
  public boolean showProgress() {
    if (options.quiet) {
      return false;
    }
    // Java cannot ask whether stderr alone is a terminal; bin/snaplog knows (test -t 2) and says so.
    String tty = System.getProperty("snaplog.stderr.tty");
    return tty != null ? Boolean.parseBoolean(tty) : System.console() != null;
  }

  /** The catalog of an existing warehouse. */
  public Catalog catalog() {
    return open(false);
  }

  /** The catalog, creating a local warehouse directory if it is missing (for {@code ns create}, {@code demo}). */
  public Catalog catalogCreatingWarehouse() {
    return open(true);
  }

  public Table loadTable(String name) {
    return catalog().loadTable(TableId.parse(name));
  }

  /**
   * Before a change: a local warehouse must be a writable directory. Checked up front so the user reads
   * "not writable" instead of the first failed write deep in a commit.
   */
  public void requireWritable() {
    Path dir = localPath();
    if (dir != null && !Files.isWritable(dir)) {
      throw new CliException(ExitCodes.STORAGE, "Warehouse " + dir + " is not writable by this user; fix its"
          + " permissions or pass another --warehouse");
    }
  }

  private Catalog open(boolean create) {
    if (catalog != null) {
      return catalog;
    }
    Path dir = localPath();
    if (dir != null) {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new CliException(ExitCodes.STORAGE, "Warehouse " + dir + " is a file, not a directory; pass"
            + " another --warehouse");
      }
      if (!Files.exists(dir)) {
        if (!create) {
          throw CliException.notFound("Warehouse " + dir + " does not exist; start one with 'snaplog ns create"
              + " NAME' (or 'snaplog demo'), or pass --warehouse / set SNAPLOG_WAREHOUSE");
        }
        try {
          Files.createDirectories(dir);
        } catch (java.io.IOException e) {
          throw new CliException(ExitCodes.STORAGE, "Cannot create warehouse " + dir + ": " + e, e);
        }
      }
    }
    options.applyProfile();
    catalog = Catalogs.open(warehouse(), catalogProperties());
    return catalog;
  }

  /** The directory of a local warehouse; null for other schemes (s3://...). */
  public Path localPathOrNull() {
    return localPath();
  }

  private Path localPath() {
    String w = warehouse();
    int colon = w.indexOf(':');
    boolean hasScheme = colon > 1 && w.substring(0, colon).matches("[a-zA-Z][a-zA-Z0-9+.-]*");
    if (!hasScheme) {
      return Paths.get(w).toAbsolutePath().normalize();
    }
    if (w.regionMatches(true, 0, "file:", 0, 5)) {
      return Paths.get(java.net.URI.create(w)).toAbsolutePath().normalize();
    }
    return null;
  }

  @Override
  public void close() {
    if (catalog != null) {
      catalog.close();
    }
    out.flush();
    err.flush();
  }
}
