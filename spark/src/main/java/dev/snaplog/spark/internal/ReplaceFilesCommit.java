package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.expressions.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The commit of a copy-on-write row-level operation ({@code UPDATE}, {@code MERGE}, a {@code DELETE} that
 * cannot be stated as a Snaplog filter): the data files the operation's scan read are removed and the files
 * its tasks wrote (every row of those files that survives, changed or not, plus inserted rows) are added, in
 * one commit of the same table handle the scan was planned on.
 *
 * <p>Conflicts: the table's commit validation fails the commit if a concurrent commit removed or rewrote one
 * of the files read. A concurrent delete that only gave such a file a deletion vector would pass that check
 * (removing the file takes it with its new vector), and the rewrite would bring those rows back; so before
 * committing, the files are compared with the table's newest version, and any file gone or with another
 * deletion vector fails the operation with {@link CommitConflictException}.
 */
final class ReplaceFilesCommit implements CommitOperation {
  private final Supplier<SnaplogScan> scan;
  private final Supplier<Table> latest;
  private final String command;

  /**
   * @param scan the operation's scan, planned by the time the job commits
   * @param latest loads the table's newest version, as a handle of its own
   * @param command the SQL command, for descriptions
   */
  ReplaceFilesCommit(Supplier<SnaplogScan> scan, Supplier<Table> latest, String command) {
    this.scan = scan;
    this.latest = latest;
    this.command = command;
  }

  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    SnaplogScan done = scan.get();
    List<DataFile> read = done.files();
    checkUnchanged(table, read, done.pruningFilter());
    OverwriteFiles overwrite = settings.configure(table.newOverwrite());
    read.forEach(f -> overwrite.deleteFile(f.location()));
    files.forEach(overwrite::addFile);
    return overwrite;
  }

  /**
   * Fails unless every file read is still live with the same deletion vector. The newest version is planned
   * with the filter that chose the files: a file unchanged since has the same stats, so it is planned again.
   */
  private void checkUnchanged(Table table, List<DataFile> read, Expression filter) {
    if (read.isEmpty()) {
      return;
    }
    Table now = latest.get();
    Map<String, DataFile> live = new HashMap<>();
    for (FileScanTask t : now.newScan().filter(filter).planFiles().toList()) {
      live.put(t.file().location(), t.file());
    }
    for (DataFile f : read) {
      DataFile current = live.get(f.location());
      if (current == null || !current.deletionVector().equals(f.deletionVector())) {
        throw SparkErrors.filesChanged(table.id().toString(), table.version(), now.version(), f.location(),
            current == null);
      }
    }
  }

  @Override
  public boolean commitsWithoutFiles(Table table) {
    return !scan.get().files().isEmpty();
  }

  @Override
  public String describe() {
    return command + " (copy-on-write)";
  }
}
