package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import java.util.HashSet;
import java.util.Set;

/**
 * The conflict rules of a change that deletes rows (delete, overwrite, upsert), as docs/concurrency.md states
 * them. A concurrent commit to the same ref conflicts if it
 * <ul>
 *   <li>replaced the ref's file set (rollback, fast-forward);
 *   <li>removed or rewrote a file this change removes or restates: its rows are no longer where this change
 *       read them. A file the concurrent commit only restated with a new deletion vector is fine unless this
 *       change wrote the file again (copy-on-write would bring back the rows it deleted): the vectors merge;
 *   <li>(serializable only) added a file whose stats say the filter may match some of its rows.
 * </ul>
 */
final class DeleteConflicts implements ConflictValidator {
  private final TableOperations ops;
  private final String branch;
  private final long readVersion;
  private final Set<String> touched;
  private final Set<String> copiedFiles;
  private final Expression boundFilter;
  private final IsolationLevel level;

  /**
   * @param copiedFiles locations of files this change removes and wrote again without the deleted rows
   * @param boundFilter the rows this change deletes, bound to the table schema ({@code alwaysFalse()} when it
   *     deletes only named files)
   */
  DeleteConflicts(TableOperations ops, String branch, long readVersion, FileChanges changes,
      Set<String> copiedFiles, Expression boundFilter, IsolationLevel level) {
    this.ops = ops;
    this.branch = branch;
    this.readVersion = readVersion;
    this.touched = changes.touched();
    this.copiedFiles = Set.copyOf(copiedFiles);
    this.boundFilter = boundFilter;
    this.level = level;
  }

  @Override
  public void validate(ConcurrentCommit c) {
    if (!c.changes(branch)) {
      return;
    }
    if (c.replacedFileSet()) {
      throw conflict(c, null, "replaced the whole file set (" + c.operation() + ")");
    }
    Set<String> restatedThere = new HashSet<>();
    c.added().forEach(f -> restatedThere.add(f.location()));
    for (String gone : c.removed()) {
      if (!touched.contains(gone)) {
        continue;
      }
      if (!restatedThere.contains(gone)) {
        throw conflict(c, gone, "removed or rewrote data file " + gone + ", which this change deletes rows of");
      }
      if (copiedFiles.contains(gone)) {
        throw conflict(c, gone, "deleted rows of data file " + gone + ", which this change wrote again");
      }
    }
    if (level == IsolationLevel.SERIALIZABLE) {
      Set<String> removedThere = new HashSet<>(c.removed());
      for (DataFile f : c.added()) {
        if (!removedThere.contains(f.location())
            && Evaluators.mightMatch(boundFilter, f.recordCount(), f.columnStats())) {
          throw conflict(c, f.location(), "added data file " + f.location() + ", whose rows this change's filter"
              + " may match (serializable isolation; use snapshot isolation to keep such rows)");
        }
      }
    }
  }

  private CommitConflictException conflict(ConcurrentCommit c, String file, String what) {
    return new CommitConflictException("Table " + ops.id() + ": version " + c.version() + " " + what
        + "; it landed after version " + readVersion + ", which this change read. Nothing was committed; run the"
        + " change again against the new state", ops.id().toString(), readVersion, c.version(), file);
  }
}
