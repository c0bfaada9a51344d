package dev.snaplog.core.exceptions;

/** A table with this name already exists; nothing was changed. */
public class TableAlreadyExistsException extends SnaplogException {
  public TableAlreadyExistsException(String table) {
    super("Table " + table + " already exists", table, null, null);
  }
}
