package dev.snaplog.spark.internal;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import java.util.List;

/** Appends the written files. */
final class AppendCommit implements CommitOperation {
  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    AppendFiles append = settings.configure(table.newAppend());
    files.forEach(append::appendFile);
    return append;
  }

  @Override
  public boolean commitsWithoutFiles(Table table) {
    return false;
  }

  @Override
  public String describe() {
    return "append";
  }
}
