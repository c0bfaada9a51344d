package dev.snaplog.core.exceptions;

/**
 * The pointer was not at the expected version: another writer committed first. Nothing of this commit is
 * visible; it is safe to reload, revalidate and retry (the commit retrier does this on its own).
 */
public class CommitConflictException extends SnaplogException {
  public CommitConflictException(String message) {
    super(message);
  }

  public CommitConflictException(String message, String table, Long expectedVersion) {
    super(message, table, expectedVersion, null);
  }
}
