package dev.snaplog.core.partition;

import dev.snaplog.core.exceptions.ValidationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Factories of {@link Transform}s, and the parser of their stored form ({@code bucket[16]}). */
public final class Transforms {
  private static final Pattern WITH_ARGUMENT = Pattern.compile("(bucket|truncate)\\[(\\d{1,9})]");
  private static final Transform IDENTITY = new Transform.Identity();
  private static final Transform YEAR = new Transform.Time(Transform.TimeUnit.YEAR);
  private static final Transform MONTH = new Transform.Time(Transform.TimeUnit.MONTH);
  private static final Transform DAY = new Transform.Time(Transform.TimeUnit.DAY);
  private static final Transform HOUR = new Transform.Time(Transform.TimeUnit.HOUR);

  /** The transforms a user can name, for error messages. */
  static final String KNOWN = "identity, year, month, day, hour, bucket(N, column), truncate(W, column)";

  private Transforms() {}

  public static Transform identity() {
    return IDENTITY;
  }

  public static Transform year() {
    return YEAR;
  }

  public static Transform month() {
    return MONTH;
  }

  public static Transform day() {
    return DAY;
  }

  public static Transform hour() {
    return HOUR;
  }

  public static Transform bucket(int numBuckets) {
    return new Transform.Bucket(numBuckets);
  }

  public static Transform truncate(int width) {
    return new Transform.Truncate(width);
  }

  /**
   * Parses the stored form of a transform, as {@link Transform#toString()} writes it.
   *
   * @throws ValidationException naming the transforms there are
   */
  public static Transform fromString(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = WITH_ARGUMENT.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(2));
      return m.group(1).equals("bucket") ? bucket(n) : truncate(n);
    }
    return switch (t) {
      case "identity" -> IDENTITY;
      case "year" -> YEAR;
      case "month" -> MONTH;
      case "day" -> DAY;
      case "hour" -> HOUR;
      default -> throw new ValidationException("Unknown partition transform '" + text + "'; the transforms are "
          + "identity, year, month, day, hour, bucket[N] and truncate[W]");
    };
  }
}
