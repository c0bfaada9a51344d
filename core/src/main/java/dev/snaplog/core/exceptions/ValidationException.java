package dev.snaplog.core.exceptions;

/**
 * Input that is well-formed on its own but invalid for the table or its state: rows that do not match the
 * schema, a null in a required field, an unknown column, a time before the first snapshot. Nothing was written.
 */
public class ValidationException extends SnaplogException {
  public ValidationException(String message) {
    super(message);
  }

  public ValidationException(String message, String table, Long version) {
    super(message, table, version, null);
  }

  public ValidationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Throws a ValidationException with the formatted message when {@code condition} is false. */
  public static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new ValidationException(String.format(format, args));
    }
  }
}
