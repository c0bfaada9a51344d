package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.expressions.Expression;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.write.RowLevelOperation.Command;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The commit of a merge-on-read row-level operation: one Snaplog row delta that deletes the rows the tasks
 * named by position and adds the files they wrote. It is made on the table handle the operation's scan was
 * planned on, so the positions refer to the files as that version holds them, and the row delta's own
 * validation checks every commit that landed since: one that removed or rewrote a file this change deletes
 * rows of fails it with {@link dev.snaplog.core.exceptions.CommitConflictException}; so does, for
 * {@code UPDATE} and {@code MERGE}, one that deleted other rows of such a file (for a {@code DELETE} the
 * deletion vectors merge); and, under serializable isolation, one that added a file the statement's condition
 * may match rows of. The checks are part of the commit itself, so nothing can land unseen between them.
 */
final class RowDeltaCommit implements CommitOperation {
  private final Map<String, RoaringBitmap> deleted;
  private final Expression condition;
  private final Command command;

  /**
   * @param deleted positions of the rows to delete, by data file location
   * @param condition the statement's condition as far as the scan could state it as a filter
   * @param command the SQL command
   */
  RowDeltaCommit(Map<String, RoaringBitmap> deleted, Expression condition, Command command) {
    this.deleted = deleted;
    this.condition = condition;
    this.command = command;
  }

  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    RowDelta delta = settings.configure(table.newRowDelta()).conflictDetectionFilter(condition);
    if (command != Command.DELETE) {
      delta.validateNoConcurrentDeletes(); // an update must not bring back a row deleted meanwhile
    }
    deleted.forEach((file, positions) -> {
      long[] rows = new long[positions.getCardinality()];
      int i = 0;
      for (IntIterator it = positions.getIntIterator(); it.hasNext(); ) {
        rows[i++] = it.next();
      }
      delta.deleteRows(file, rows);
    });
    files.forEach(delta::addFile);
    return delta;
  }

  @Override
  public boolean commitsWithoutFiles(Table table) {
    return deleted.values().stream().anyMatch(p -> !p.isEmpty());
  }

  @Override
  public String describe() {
    return command + " (merge-on-read)";
  }
}
