package dev.snaplog.core;

import java.util.Optional;

/**
 * What every operation that commits a new snapshot shares: summary properties, an idempotency token, the
 * branch it commits to and the isolation level it is checked at. Each call returns this operation typed as
 * its own interface, so chained calls keep it.
 *
 * <p>On a lost race the change is validated against the commits that landed meanwhile (docs/concurrency.md):
 * if it still holds it is applied on top of the newer version and retried; if not, the commit fails with
 * {@link dev.snaplog.core.exceptions.CommitConflictException} and nothing of it is visible.
 *
 * @param <ThisT> the operation's own interface
 */
public interface SnapshotUpdate<ThisT> extends PendingUpdate<Snapshot> {
  /** Sets a summary property of the new snapshot. */
  ThisT set(String key, String value);

  /**
   * Makes the commit idempotent: a token of the form {@code writer:sequence} (sequence a non-negative number
   * increasing per writer) commits at most once; committing a sequence at or below the last one committed by
   * the same writer returns the snapshot that already holds it (or the current one) and writes nothing.
   */
  ThisT commitToken(String token);

  /**
   * Commits to a branch instead of main: the new snapshot's parent is the branch head, and main does not
   * change until it is fast-forwarded ({@link ManageRefs#fastForward}).
   */
  ThisT toBranch(String branch);

  /**
   * The isolation level this change is validated at; by default the table property
   * {@code write.isolation-level}, else {@link IsolationLevel#SERIALIZABLE}.
   */
  ThisT isolationLevel(IsolationLevel level);

  /**
   * When a commit token is set and that token (or a later one of the same writer) is already committed: what
   * holds it. Reads the newest version; writes nothing. Lets a retried batch skip writing its data.
   */
  Optional<CommitResult> alreadyCommitted();

  /**
   * Commits, and says whether this call's change landed or its token was a duplicate.
   *
   * @see PendingUpdate#commit() for the exceptions
   */
  CommitResult commitWithResult();

  /** Commits; the snapshot that holds the change. {@link #commitWithResult()} tells a duplicate apart. */
  @Override
  default Snapshot commit() {
    return commitWithResult().snapshot();
  }
}
