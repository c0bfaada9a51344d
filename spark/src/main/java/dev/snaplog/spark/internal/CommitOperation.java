package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import java.util.List;

/**
 * What the one commit of a write job does with the data files its tasks wrote: append them, replace the rows a
 * filter matches with them, or replace the files a row-level operation read with them.
 */
interface CommitOperation {
  /** The update that commits {@code files} to {@code table}, not yet configured with branch or summary. */
  SnapshotUpdate<?> start(Table table, List<DataFile> files, WriteSettings settings);

  /** Whether a job that wrote no file still commits to {@code table}: it has rows to remove. */
  boolean commitsWithoutFiles(Table table);

  /** What the job does, for Spark's plan description and the log. */
  String describe();
}
