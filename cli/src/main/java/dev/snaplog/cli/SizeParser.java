package dev.snaplog.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sizes users type for {@code --target-size}: a whole number of bytes, or one followed by {@code KB},
 * {@code MB}, {@code GB} (or {@code K}, {@code M}, {@code G}, {@code KiB}, {@code MiB}, {@code GiB}), each 1024
 * times the one before, as table properties count them ({@code 128MB} = 134217728 bytes).
 */
public final class SizeParser {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)");

  private SizeParser() {}

  /**
   * @throws CliException (invalid input) naming the text and the accepted forms
   */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw CliException.invalid("Cannot read '" + text + "' as a size; give bytes (134217728) or a number with"
          + " KB, MB or GB (128MB)");
    }
    int shift = switch (m.group(2).isEmpty() ? 'b' : m.group(2).charAt(0)) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    try {
      long n = Long.parseLong(m.group(1));
      if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
        throw new NumberFormatException();
      }
      return n << shift;
    } catch (NumberFormatException e) {
      throw CliException.invalid("Size '" + text + "' must be positive and below 8 EiB");
    }
  }
}
