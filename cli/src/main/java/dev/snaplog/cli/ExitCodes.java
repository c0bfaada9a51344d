package dev.snaplog.cli;

import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.CommitFencedException;
import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.NamespaceAlreadyExistsException;
import dev.snaplog.core.exceptions.NamespaceNotEmptyException;
import dev.snaplog.core.exceptions.NoSuchNamespaceException;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import dev.snaplog.core.exceptions.NoSuchTableException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.exceptions.TableAlreadyExistsException;
import dev.snaplog.core.exceptions.ValidationException;

/**
 * The process exit codes, documented in docs/cli.md. Scripts branch on them, so a code's meaning never
 * changes once released; new conditions get new codes.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** Anything not covered below, including bugs. */
  public static final int GENERIC = 1;
  /** The command line itself is wrong: unknown option, missing argument, conflicting options. */
  public static final int USAGE = 2;
  /** A named thing does not exist: warehouse, namespace, table, snapshot, tag, input file. */
  public static final int NOT_FOUND = 3;
  /** Input is invalid for the table or its state: bad schema, bad value, bad time, name already taken. */
  public static final int INVALID = 4;
  /**
   * The commit kept losing the race to concurrent writers (retries ran out; running it again is safe), its
   * outcome is unknown (reload and check before retrying), or orphan removal fenced it (write the data again).
   */
  public static final int COMMIT = 5;
  /** The storage failed or the table's log is damaged. */
  public static final int STORAGE = 6;
  /** {@code doctor}: the store failed a check the commit protocol relies on. */
  public static final int UNSAFE_STORE = 7;
  /**
   * A concurrent commit changed what this change read (removed or rewrote a file it deletes from, or added
   * rows its filter matches); nothing was committed. Look at what changed, then run the command again.
   */
  public static final int CONFLICT = 8;

  private ExitCodes() {}

  /** The exit code for an error raised while running a command. */
  public static int of(Throwable e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    if (e instanceof NoSuchTableException || e instanceof NoSuchNamespaceException
        || e instanceof NoSuchSnapshotException) {
      return NOT_FOUND;
    }
    if (e instanceof ValidationException || e instanceof TableAlreadyExistsException
        || e instanceof NamespaceAlreadyExistsException || e instanceof NamespaceNotEmptyException) {
      return INVALID;
    }
    if (e instanceof CommitConflictException) {
      return CONFLICT;
    }
    if (e instanceof CommitRaceLostException || e instanceof CommitStateUnknownException
        || e instanceof CommitFencedException) {
      return COMMIT;
    }
    if (e instanceof StorageException || e instanceof CorruptTableException) {
      return STORAGE;
    }
    return GENERIC;
  }
}
