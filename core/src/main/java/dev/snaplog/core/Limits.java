package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import java.util.Map;

/**
 * The largest names, keys and values a table accepts. Everything a user names (namespaces, tables, columns,
 * tags, branches, commit-token writers, property and summary keys) and every property value ends up in a
 * stored object or an object key, so it is checked here, at the API's edge, before anything is written: what a
 * writer accepts must stay readable by every reader and storable by every store. Lengths are in bytes of UTF-8,
 * the encoding of object keys and of the JSON the log is written in, so a limit holds whatever the alphabet.
 * The limits and why each has its value are listed in docs/design.md ("Limits").
 */
public final class Limits {
  /**
   * Namespace, table, column, tag, branch, commit-token writer, property key, summary key. 255 bytes is a file
   * name's limit on local file systems (ext4, XFS, APFS, NTFS), and namespace and table names are path segments.
   */
  public static final int MAX_NAME_BYTES = 255;

  /** A table property value or a snapshot summary value. */
  public static final int MAX_VALUE_BYTES = 8 * 1024;

  /**
   * All keys and values of a table's properties, or of one commit's summary properties, together: the
   * metadata of every version carries them, so they stay small next to what a commit writes anyway.
   */
  public static final int MAX_PROPERTIES_BYTES = 64 * 1024;

  /**
   * The full location of any object of a table (S3 limits object keys to 1024 bytes; the location also holds
   * the scheme and bucket, so a table within this limit fits every store).
   */
  public static final int MAX_LOCATION_BYTES = 1024;

  private Limits() {}

  /**
   * Checks a name that is not a path segment (tag, branch, commit-token writer, property or summary key): not
   * blank, at most {@link #MAX_NAME_BYTES} bytes, no control characters, valid Unicode.
   *
   * @param kind what the name names, for the message ("tag name", "property key")
   * @throws ValidationException naming the limit that was exceeded
   */
  public static String checkName(String kind, String name) {
    if (name == null || name.isBlank()) {
      throw new ValidationException(kind + " must not be empty");
    }
    int bytes = utf8Length(name);
    if (bytes > MAX_NAME_BYTES) {
      throw new ValidationException(kind + " " + Names.printable(abbreviate(name)) + " is " + bytes
          + " bytes long in UTF-8; the limit is " + MAX_NAME_BYTES + " bytes");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new ValidationException(kind + " " + Names.printable(name) + " contains a control character at"
            + " position " + i);
      }
    }
    checkUnicode(kind + " " + Names.printable(name), name);
    return name;
  }

  /**
   * Checks a property or summary value: at most {@link #MAX_VALUE_BYTES} bytes and valid Unicode (any
   * character, line breaks included, is allowed).
   */
  public static String checkValue(String kind, String value) {
    if (value == null) {
      throw new ValidationException(kind + " must not be null");
    }
    int bytes = utf8Length(value);
    if (bytes > MAX_VALUE_BYTES) {
      throw new ValidationException(kind + " is " + bytes + " bytes long in UTF-8; the limit is "
          + MAX_VALUE_BYTES + " bytes");
    }
    checkUnicode(kind, value);
    return value;
  }

  /**
   * Checks a map of properties: every key a name, every value within {@link #MAX_VALUE_BYTES}, and all of
   * them together within {@link #MAX_PROPERTIES_BYTES}.
   *
   * @param kind "table property" or "summary property"
   */
  public static void checkProperties(String kind, Map<String, String> properties) {
    long total = 0;
    for (Map.Entry<String, String> e : properties.entrySet()) {
      checkName(kind + " key", e.getKey());
      checkValue(kind + " " + Names.printable(e.getKey()), e.getValue());
      total += utf8Length(e.getKey()) + utf8Length(e.getValue());
    }
    if (total > MAX_PROPERTIES_BYTES) {
      throw new ValidationException(properties.size() + " " + kind + " entries take " + total + " bytes in"
          + " UTF-8; the limit for all of them together is " + MAX_PROPERTIES_BYTES + " bytes");
    }
  }

  /**
   * Refuses text with an unpaired UTF-16 surrogate: UTF-8, in which names, keys and values are stored, has no
   * encoding for one, and an encoder would silently replace it.
   */
  public static void checkUnicode(String what, String text) {
    int bad = unpairedSurrogate(text);
    if (bad >= 0) {
      throw new ValidationException(what + " contains an unpaired UTF-16 surrogate (\\u"
          + String.format("%04x", (int) text.charAt(bad)) + ") at position " + bad + ", which UTF-8 cannot"
          + " store");
    }
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1 if it is valid Unicode. */
  public static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Bytes of {@code s} in UTF-8 (an unpaired surrogate counts as the one byte an encoder puts in its place). */
  public static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 32) + "...";
  }
}
