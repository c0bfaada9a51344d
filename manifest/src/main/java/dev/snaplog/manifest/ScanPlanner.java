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
    return plan(log, version, version.fileSet(), boundFilter);
  }

  /** Plans {@code fileSet} (of a branch or of main) with {@code context} supplying schemas. */
  public static List<FileScanTask> plan(TableLog log, TableMetadata context, FileSetState fileSet,
      Expression boundFilter) {
    List<DataFile> live = log.liveFiles(context, fileSet,
        part -> Evaluators.mightMatch(boundFilter, part.recordCount(), part.stats()));
    return live.stream()
        .filter(f -> Evaluators.mightMatch(boundFilter, f.recordCount(), f.columnStats()))
        .map(f -> new FileScanTask(f, boundFilter))
        .toList();
  }
}
