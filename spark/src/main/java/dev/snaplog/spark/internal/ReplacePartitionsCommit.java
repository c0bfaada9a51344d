package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic partition overwrite ({@code INSERT OVERWRITE} with {@code partitionOverwriteMode=dynamic},
 * {@code df.writeTo(t).overwritePartitions()}): the partitions the written files fall in are replaced, in one
 * commit that removes every live file of those partitions (at the version the write started from) and adds the
 * written files. Other partitions are untouched; a write with no rows replaces nothing.
 *
 * <p>Partitions are compared within the spec the files were written for: files of an older spec are kept even
 * where their rows overlap a replaced partition (they are not split by the new spec). A commit that removed one
 * of the files meanwhile makes this one fail with a conflict; files appended meanwhile into a replaced partition
 * are kept.
 */
final class ReplacePartitionsCommit implements CommitOperation {
  @Override
  public SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings) {
    TableScan scan = table.newScan();
    if (settings.branch().isPresent()) {
      scan = scan.useBranch(settings.branch().get());
    } else if (table.currentSnapshot().isEmpty()) {
      return new AppendCommit().start(table, files, settings); // nothing to replace yet
    }
    Set<String> replaced = new HashSet<>();
    for (DataFile f : files) {
      replaced.add(partitionKey(table, f.specId(), f.partition()));
    }
    OverwriteFiles overwrite = settings.configure(table.newOverwrite());
    for (FileScanTask t : scan.planFiles().toList()) {
      DataFile live = t.file();
      if (replaced.contains(partitionKey(table, live.specId(), live.partition()))) {
        overwrite.deleteFile(live.location());
      }
    }
    files.forEach(overwrite::addFile);
    return overwrite;
  }

  /**
   * A partition as its spec id and path ({@code 2/ts_day=2026-01-02/id_bucket=3}): the text form compares values
   * the log read back and values a writer computed alike, whatever Java class holds them.
   */
  private static String partitionKey(Table table, int specId, Map<Integer, Object> values) {
    PartitionSpec spec = table.specs().get(specId);
    Schema schema = table.schema();
    return specId + "/" + (spec == null ? values.toString() : spec.path(values, schema));
  }

  @Override
  public boolean commitsWithoutFiles(Table table) {
    return false;
  }

  @Override
  public String describe() {
    return "dynamic partition overwrite";
  }
}
