package dev.snaplog.catalog.internal;

import dev.snaplog.core.exceptions.CommitConflictException;

/**
 * Decides whether a change still holds after a commit that landed between the version it read and the
 * version it is now applied to. Called once per such commit, oldest first, before the change is applied again.
 * The rules per operation and isolation level are the matrix in docs/concurrency.md.
 */
@FunctionalInterface
interface ConflictValidator {
  /** Appends and metadata-only changes: any concurrent commit is fine. */
  ConflictValidator NONE = commit -> {};

  /**
   * @throws CommitConflictException if {@code commit} conflicts with the change; never retried
   */
  void validate(ConcurrentCommit commit);
}
