package dev.snaplog.core.exceptions;

/**
 * The pointer swap was sent but its outcome could not be learned (lost response, timeout, crash of the
 * store), and re-reading the pointer chain did not settle it either. The commit may or may not be visible.
 * Never clean up files of this commit: they may be live. Reload the table and look for the commit id in the
 * snapshot summary before retrying by hand.
 */
public class CommitStateUnknownException extends SnaplogException {
  public CommitStateUnknownException(String message, Throwable cause) {
    super(message, cause);
  }

  public CommitStateUnknownException(String message, String table, Long version, Throwable cause) {
    super(message, table, version, cause);
  }
}
