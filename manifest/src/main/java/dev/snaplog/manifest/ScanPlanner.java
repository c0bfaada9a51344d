package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import java.util.List;

/** Plans a scan of one version: the live files whose stats do not rule out the filter. */
public final class ScanPlanner {
  private ScanPlanner() {}

  /**
   * @param boundFilter a filter bound to the table schema (see {@code Expressions.bind})
   */
  public static List<FileScanTask> plan(TableLog log, TableMetadata version, Expression boundFilter) {
    List<DataFile> live = log.liveFiles(version);
    return live.stream()
        .filter(f -> Evaluators.mightMatch(boundFilter, f.recordCount(), f.columnStats()))
        .map(f -> new FileScanTask(f, boundFilter))
        .toList();
  }
}
