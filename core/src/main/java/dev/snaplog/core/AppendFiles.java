package dev.snaplog.core;

import java.util.Optional;

/**
 * Adds data files to the table in one commit. Appends never conflict with other appends: on a lost race the
 * same files are applied on top of the newer state and the commit is retried.
 */
public interface AppendFiles extends PendingUpdate<Snapshot> {
  /**
   * Adds a data file already written, typically by {@link Table#newDataWriter()}. It must lie in the table's
   * {@code data/} folder or outside the warehouse (an external file, which maintenance never deletes); a file
   * of another table, or any other object of this one, is refused.
   */
  AppendFiles appendFile(DataFile file);

  /** Writes {@code records} into a new data file of the table and adds it. */
  AppendFiles appendRecords(Iterable<? extends Record> records);

  /**
   * Commits to a branch instead of main: the new snapshot's parent is the branch head, and main does not
   * change until it is fast-forwarded ({@link ManageRefs#fastForward}).
   */
  AppendFiles toBranch(String branch);

  /** Sets a summary property of the new snapshot. */
  AppendFiles set(String key, String value);

  /**
   * Makes the commit idempotent: a token of the form {@code writer:sequence} (sequence a non-negative number
   * increasing per writer) commits at most once; committing a sequence at or below the last one committed by
   * the same writer returns the snapshot that already holds it (or the current one) and writes nothing.
   */
  AppendFiles commitToken(String token);

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
