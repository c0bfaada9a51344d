package dev.snaplog.spark.internal;

import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which snapshot a read sees: the current one, or one chosen by time travel, from SQL ({@code VERSION AS OF},
 * {@code TIMESTAMP AS OF}) or from read options ({@code snapshot-id}, {@code as-of}, {@code tag},
 * {@code branch}). At most one way may be used per read. Immutable.
 */
public final class ReadSelection {
  public static final String SNAPSHOT_ID = "snapshot-id";
  public static final String AS_OF = "as-of";
  public static final String TAG = "tag";
  public static final String BRANCH = "branch";

  private enum Kind { CURRENT, SNAPSHOT, TIME, TAG, BRANCH, VERSION }

  private static final ReadSelection CURRENT = new ReadSelection(Kind.CURRENT, null, null, "current");

  private final Kind kind;
  private final String name;
  private final Object value;
  private final String source;

  private ReadSelection(Kind kind, String name, Object value, String source) {
    this.kind = kind;
    this.name = name;
    this.value = value;
    this.source = source;
  }

  public static ReadSelection current() {
    return CURRENT;
  }

  /** {@code VERSION AS OF v}: a tag or branch of that name, else a snapshot id. */
  public static ReadSelection version(String version) {
    return new ReadSelection(Kind.VERSION, version, null, "VERSION AS OF " + version);
  }

  /** {@code TIMESTAMP AS OF t}, as Spark hands it over: microseconds since the epoch. */
  public static ReadSelection timestampMicros(long micros) {
    Instant t = Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L));
    return new ReadSelection(Kind.TIME, null, t, "TIMESTAMP AS OF " + t);
  }

  /**
   * The selection the read options ask for, or current.
   *
   * @param zone the session time zone, for local date-times in {@code as-of}
   * @throws dev.snaplog.core.exceptions.ValidationException if more than one is given or a value is malformed
   */
  public static ReadSelection fromOptions(Map<String, String> options, ZoneId zone) {
    List<ReadSelection> given = new ArrayList<>();
    String id = options.get(SNAPSHOT_ID);
    if (id != null) {
      try {
        given.add(new ReadSelection(Kind.SNAPSHOT, null, Long.parseLong(id.trim()), SNAPSHOT_ID + "=" + id));
      } catch (NumberFormatException e) {
        throw SparkErrors.badSnapshotId(id);
      }
    }
    String asOf = options.get(AS_OF);
    if (asOf != null) {
      given.add(new ReadSelection(Kind.TIME, null, parseTime(AS_OF, asOf, zone), AS_OF + "=" + asOf));
    }
    String tag = options.get(TAG);
    if (tag != null) {
      given.add(new ReadSelection(Kind.TAG, tag, null, TAG + "=" + tag));
    }
    String branch = options.get(BRANCH);
    if (branch != null) {
      given.add(new ReadSelection(Kind.BRANCH, branch, null, BRANCH + "=" + branch));
    }
    if (given.size() > 1) {
      throw SparkErrors.conflictingTimeTravel(given.stream().map(s -> s.source).toList());
    }
    return given.isEmpty() ? CURRENT : given.get(0);
  }

  /** This selection refined by the read options' one; two different choices are an error. */
  public ReadSelection with(ReadSelection fromOptions) {
    if (fromOptions.kind == Kind.CURRENT) {
      return this;
    }
    if (kind == Kind.CURRENT) {
      return fromOptions;
    }
    throw SparkErrors.conflictingTimeTravel(List.of(source, fromOptions.source));
  }

  public boolean isCurrent() {
    return kind == Kind.CURRENT;
  }

  /**
   * A scan of {@code table} at this selection.
   *
   * @throws dev.snaplog.core.exceptions.NoSuchSnapshotException if the snapshot, tag, branch or time names none
   */
  public TableScan scan(Table table) {
    TableScan scan = table.newScan();
    return switch (kind) {
      case CURRENT -> scan;
      case SNAPSHOT -> scan.useSnapshot((Long) value);
      case TIME -> scan.asOfTime((Instant) value);
      case TAG -> scan.useTag(name);
      case BRANCH -> scan.useBranch(name);
      case VERSION -> byVersion(table, scan);
    };
  }

  private TableScan byVersion(Table table, TableScan scan) {
    if (table.tags().containsKey(name)) {
      return scan.useTag(name);
    }
    if (table.branches().containsKey(name) || name.equals("main")) {
      return scan.useBranch(name);
    }
    try {
      return scan.useSnapshot(Long.parseLong(name.trim()));
    } catch (NumberFormatException e) {
      throw SparkErrors.noSuchVersion(table.id().toString(), name, table.tags().keySet(),
          table.branches().keySet());
    }
  }

  private static Instant parseTime(String option, String text, ZoneId zone) {
    String t = text.trim();
    if (t.matches("\\d+")) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    String iso = t.replace(' ', 'T');
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException notUtc) {
      // try the forms with an offset or a zone, then local ones
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException noOffset) {
      // next form
    }
    try {
      return ZonedDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException noZone) {
      // next form
    }
    try {
      return LocalDateTime.parse(iso).atZone(zone).toInstant();
    } catch (DateTimeParseException notLocal) {
      // next form
    }
    try {
      return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw SparkErrors.badTime(option, text);
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
