package dev.snaplog.core.exceptions;

/** The table does not exist (its pointer object is absent). */
public class NoSuchTableException extends SnaplogException {
  public NoSuchTableException(String table, String location) {
    super("Table " + table + " does not exist (no pointer at " + location + "); create it first or check the"
        + " warehouse and name", table, null, null);
  }

  /** For subtypes that explain the absence themselves. */
  protected NoSuchTableException(String message, String table, Long version) {
    super(message, table, version, null);
  }
}
