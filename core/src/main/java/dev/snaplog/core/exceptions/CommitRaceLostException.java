package dev.snaplog.core.exceptions;

/**
 * A lost race: the pointer was no longer at the version this commit built on, because another writer committed
 * first. Nothing of this commit is visible. Retryable: the commit loop reloads, validates the change against
 * what was committed meanwhile and tries again; this reaches a caller only when the retries ran out, and then
 * running the same change again later is safe.
 */
public class CommitRaceLostException extends SnaplogException {
  public CommitRaceLostException(String message) {
    super(message);
  }

  public CommitRaceLostException(String message, String table, Long expectedVersion) {
    super(message, table, expectedVersion, null);
  }
}
