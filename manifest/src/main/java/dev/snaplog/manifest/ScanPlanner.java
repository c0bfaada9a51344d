package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.PartitionFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a scan of one version: the live files whose partition values and stats do not rule out the filter.
 * Partition values are tested first: the filter on source columns is projected through the transforms of the
 * spec each file was written for ({@link PartitionFilter}), so files of older specs are pruned by theirs.
 */
public final class ScanPlanner {
  private ScanPlanner() {}

  /**
   * @param boundFilter a filter bound to the table's current schema (see {@code Expressions.bind})
   */
  public static List<FileScanTask> plan(TableLog log, TableMetadata version, Expression boundFilter) {
    return plan(log, version, version.fileSet(), boundFilter);
  }

  /** Plans {@code fileSet} (of a branch or of main) with {@code context} supplying schemas and specs. */
  public static List<FileScanTask> plan(TableLog log, TableMetadata context, FileSetState fileSet,
      Expression boundFilter) {
    return plan(log, context, fileSet, boundFilter, context.schema());
  }

  /**
   * As above, with the filter bound to {@code schema} (a time-travel scan binds it to the snapshot's schema).
   */
  public static List<FileScanTask> plan(TableLog log, TableMetadata context, FileSetState fileSet,
      Expression boundFilter, Schema schema) {
    Map<Integer, PartitionFilter> bySpec = new HashMap<>();
    List<DataFile> live = log.liveFiles(context, fileSet,
        part -> Evaluators.mightMatch(boundFilter, part.recordCount(), part.stats()));
    if (boundFilter instanceof Expression.True) { // nothing to prune: every live file is a task
      List<FileScanTask> tasks = new ArrayList<>(live.size());
      for (DataFile f : live) {
        tasks.add(new FileScanTask(f, boundFilter));
      }
      return Collections.unmodifiableList(tasks);
    }
    return live.stream()
        .filter(f -> bySpec.computeIfAbsent(f.specId(), id -> partitionFilter(context, id, boundFilter, schema))
            .mightContain(f.partition()))
        .filter(f -> Evaluators.mightMatch(boundFilter, f.recordCount(), f.columnStats()))
        .map(f -> new FileScanTask(f, boundFilter))
        .toList();
  }

  private static PartitionFilter partitionFilter(TableMetadata context, int specId, Expression boundFilter,
      Schema schema) {
    PartitionSpec spec = context.specById(specId);
    try {
      return PartitionFilter.of(boundFilter, spec, schema);
    } catch (ValidationException e) {
      // the schema read with lacks a source column of this spec: its files cannot be pruned by partition
      return PartitionFilter.of(boundFilter, PartitionSpec.UNPARTITIONED, schema);
    }
  }
}
