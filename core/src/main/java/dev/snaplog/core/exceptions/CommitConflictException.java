package dev.snaplog.core.exceptions;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A real conflict: a commit that landed after this change read the table changed something the change
 * depends on (it removed or rewrote a file the change deletes from, or, under serializable isolation, added
 * rows its filter matches). Nothing of this change is visible, and it is never retried as it stands: applying
 * it on top of the newer version would change rows it never saw. Re-run the operation against the new state.
 *
 * <p>{@link #version()} is the version this change read; {@link #conflictingVersion()} the version that
 * conflicts with it and {@link #conflictingFile()} the data file they both touch, when one is known.
 */
public class CommitConflictException extends SnaplogException {
  private final Long conflictingVersion;
  private final String conflictingFile;

  public CommitConflictException(String message, String table, Long readVersion, Long conflictingVersion,
      String conflictingFile) {
    super(message, table, readVersion, null);
    this.conflictingVersion = conflictingVersion;
    this.conflictingFile = conflictingFile;
  }

  /** The version whose commit conflicts with this change. */
  public OptionalLong conflictingVersion() {
    return conflictingVersion == null ? OptionalLong.empty() : OptionalLong.of(conflictingVersion);
  }

  /** The data file both commits touch, when the conflict is about one file. */
  public Optional<String> conflictingFile() {
    return Optional.ofNullable(conflictingFile);
  }
}
