package dev.snaplog.core;

import java.util.Optional;

/**
 * What one call to commit did, stated so that a pipeline can trust it: either this call's change landed (also
 * when its outcome was first unknown and was then found in the table), or nothing was written because its
 * commit token had already been committed, and then by which token and in which snapshot.
 *
 * @param snapshot the snapshot that holds the change: the new one, or for a duplicate the one holding the
 *     matched token (the current snapshot if that one has expired)
 * @param duplicate true when nothing was committed because the token was already committed
 * @param matchedToken for a duplicate, the committed token it matched ({@code writer:sequence}; the sequence
 *     is the writer's newest committed one, at or above the one sent)
 */
public record CommitResult(Snapshot snapshot, boolean duplicate, Optional<String> matchedToken) {
  public static CommitResult committed(Snapshot snapshot) {
    return new CommitResult(snapshot, false, Optional.empty());
  }

  public static CommitResult duplicateOf(Snapshot holder, String matchedToken) {
    return new CommitResult(holder, true, Optional.of(matchedToken));
  }

  /** The table version the snapshot was committed at. */
  public long version() {
    return snapshot.sequenceNumber();
  }
}
