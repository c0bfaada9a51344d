package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.expressions.Expression;
import java.util.List;

/**
 * Replaces the rows a filter matches with the written files, in one commit ({@code INSERT OVERWRITE}, overwrite
 * by filter, truncate). A table that has no rows yet at the version read has nothing to replace: the files are
 * appended.
 */
final class OverwriteCommit implements CommitOperation {
  private final Expression filter;
  private final String text;

  /**
   * @param filter the rows to replace, exactly as Spark's condition selects them
   * @param text the condition as the user wrote it, for descriptions
   */
  OverwriteCommit(Expression filter, String text) {
    this.filter = filter;
    this.text = text;
  }

  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    boolean empty = settings.branch().map(b -> false).orElse(table.currentSnapshot().isEmpty());
    if (empty) {
      return new AppendCommit().start(table, files, settings);
    }
    OverwriteFiles overwrite = settings.configure(table.newOverwrite()).overwriteByFilter(filter);
    files.forEach(overwrite::addFile);
    return overwrite;
  }

  @Override
  public boolean commitsWithoutFiles(Table table) {
    return table.currentSnapshot().isPresent();
  }

  @Override
  public String describe() {
    return "overwrite where " + text;
  }
}
