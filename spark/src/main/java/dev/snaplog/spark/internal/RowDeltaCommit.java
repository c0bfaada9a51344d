package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The commit of a merge-on-read row-level operation: one Snaplog row delta that deletes the rows the tasks
 * named by position and adds the files they wrote. It is made on the table handle the operation's scan was
 * planned on, so the positions refer to the files as that version holds them, and the row delta's own
 * validation checks every commit that landed since: one that removed or rewrote a file this change deletes
 * rows of fails it with {@link dev.snaplog.core.exceptions.CommitConflictException}; another delete of rows of
 * the same file merges with this one. The check is part of the commit itself, so nothing can land unseen
 * between them.
 */
final class RowDeltaCommit implements CommitOperation {
  private final Map<String, RoaringBitmap> deleted;
  private final String command;

  /**
   * @param deleted positions of the rows to delete, by data file location
   * @param command the SQL command, for descriptions
   */
  RowDeltaCommit(Map<String, RoaringBitmap> deleted, String command) {
    this.deleted = deleted;
    this.command = command;
  }

  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    RowDelta delta = settings.configure(table.newRowDelta());
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
