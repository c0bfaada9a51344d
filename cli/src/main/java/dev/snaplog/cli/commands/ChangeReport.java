package dev.snaplog.cli.commands;

import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command that changes rows ({@code overwrite}, {@code upsert}, {@code compact}) reports: the table,
 * the version and snapshot it left, and the rows and files its snapshot added and removed, from the snapshot's
 * summary (for a dry run, the uncommitted one).
 */
final class ChangeReport {
  private ChangeReport() {}

  /**
   * @param changed the snapshot the change made (or would make); {@code null} when nothing was to be done
   * @param result the commit's result; {@code null} for a dry run or when nothing was committed
   */
  static Map<String, Object> of(Table t, Snapshot changed, CommitResult result, boolean dryRun) {
    t.refresh();
    boolean duplicate = result != null && result.duplicate();
    boolean counts = changed != null && !duplicate;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("table", t.id().toString());
    out.put("version", result != null ? result.version() : t.version());
    out.put("snapshot-id", result != null ? Long.valueOf(result.snapshot().snapshotId())
        : t.currentSnapshot().map(Snapshot::snapshotId).orElse(null));
    out.put("added-records", counts ? changed.summaryLong(Snapshot.ADDED_RECORDS) : 0L);
    out.put("removed-records", counts ? changed.summaryLong(Snapshot.REMOVED_RECORDS) : 0L);
    out.put("added-files", counts ? changed.summaryLong(Snapshot.ADDED_FILES) : 0L);
    out.put("removed-files", counts ? changed.summaryLong(Snapshot.REMOVED_FILES) : 0L);
    out.put("total-records", changed != null && !duplicate ? changed.summaryLong(Snapshot.TOTAL_RECORDS)
        : t.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_RECORDS)).orElse(0L));
    out.put("dry-run", dryRun);
    if (result != null) {
      out.put("duplicate", duplicate);
      result.matchedToken().ifPresent(token -> out.put("matched-token", token));
    }
    return out;
  }
}
