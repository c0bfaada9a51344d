package dev.snaplog.core.exceptions;

/** A snapshot id, tag or point in time that names no snapshot of the table. */
public class NoSuchSnapshotException extends SnaplogException {
  public NoSuchSnapshotException(String message, String table) {
    super(message, table, null, null);
  }
}
