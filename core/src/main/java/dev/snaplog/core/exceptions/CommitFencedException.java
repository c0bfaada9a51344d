package dev.snaplog.core.exceptions;

/**
 * A commit names an object that maintenance may have deleted: orphan removal raised the table's orphan
 * horizon past the object's age while the commit was in flight. Nothing of the commit is visible, and
 * retrying it cannot help: the objects must be written again. Never retried by the commit loop.
 */
public class CommitFencedException extends SnaplogException {
  public CommitFencedException(String message, String table, Long version) {
    super(message, table, version, null);
  }
}
