package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;

/**
 * Rules for user-given names. Namespace and table names become path segments of object keys, so anything
 * that could escape the table's prefix or confuse a listing is refused up front; their length is limited in
 * bytes of the encoded key segment ({@link Limits#MAX_NAME_BYTES}), which is what stores limit.
 */
public final class Names {
  private Names() {}

  /**
   * Checks a namespace or table name: letters, digits, '_' and '-', at most {@link Limits#MAX_NAME_BYTES}
   * bytes in UTF-8, not starting with '_' (reserved). Dots are refused because {@code namespace.table} is how
   * names are written.
   */
  public static void checkIdentifier(String kind, String name) {
    if (name == null || name.isEmpty()) {
      throw new ValidationException(kind + " name must not be empty");
    }
    int bytes = Limits.utf8Length(name);
    if (bytes > Limits.MAX_NAME_BYTES) {
      throw new ValidationException(kind + " name is " + bytes + " bytes long in UTF-8 (" + name.length()
          + " characters); the limit is " + Limits.MAX_NAME_BYTES + " bytes, the longest file name local file"
          + " systems store");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        throw new ValidationException(kind + " name " + printable(name) + " contains a control character at"
            + " position " + i + "; use letters, digits, '_' or '-'");
      }
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
        throw new ValidationException(kind + " name " + printable(name) + " contains '" + c + "' at position "
            + i + "; use letters, digits, '_' or '-'");
      }
    }
    if (name.startsWith("_")) {
      throw new ValidationException(kind + " name " + printable(name) + " must not start with '_';"
          + " such names are reserved for the table format's own objects");
    }
  }

  /**
   * Checks a column name: not empty, no control characters, whitespace or commas (the schema string
   * separator), at most {@link Limits#MAX_NAME_BYTES} bytes in UTF-8, valid Unicode.
   */
  public static void checkColumn(String name) {
    if (name == null || name.isBlank()) {
      throw new ValidationException("column name must not be empty");
    }
    int bytes = Limits.utf8Length(name);
    if (bytes > Limits.MAX_NAME_BYTES) {
      throw new ValidationException("column name is " + bytes + " bytes long in UTF-8; the limit is "
          + Limits.MAX_NAME_BYTES + " bytes");
    }
    Limits.checkUnicode("column name", name);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == ',' || Character.isWhitespace(c)) {
        throw new ValidationException("column name " + printable(name) + " contains a control character,"
            + " whitespace or ','");
      }
    }
  }

  /** The name with control characters escaped, safe to put in a message. */
  public static String printable(String name) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : name.toCharArray()) {
      if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('\'').toString();
  }
}
