package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.where.WhereParser;
import dev.snaplog.core.DeleteFiles;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code delete TABLE --where FILTER [--dry-run]}: deletes the matching rows in one commit. Files whose rows
 * all match are dropped unread; others get a deletion vector or are rewritten, as the table's
 * {@code write.delete.mode} says. A filter that matches nothing commits nothing.
 */
@Command(name = "delete", description = "Delete the rows matching a filter, in one commit.",
    mixinStandardHelpOptions = true)
public final class DeleteCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--where", paramLabel = "FILTER", required = true,
      description = "The rows to delete, in the --where syntax of scan, e.g. \"id = 42 or msg is null\".")
  String where;

  @Option(names = "--dry-run", description = "Report what would be deleted; commit nothing.")
  boolean dryRun;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    long before = t.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_RECORDS)).orElse(0L);
    long versionBefore = t.version();
    DeleteFiles delete = t.newDelete().deleteWhere(WhereParser.parse(where));
    Snapshot s = dryRun ? delete.apply() : delete.commit();
    t.refresh();
    boolean committed = !dryRun && t.version() != versionBefore;
    long deleted = before - s.summaryLong(Snapshot.TOTAL_RECORDS);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("version", t.version());
    result.put("snapshot-id", committed ? s.snapshotId() : t.currentSnapshot().map(Snapshot::snapshotId)
        .orElse(null));
    result.put("removed-records", deleted);
    result.put("removed-files", deleted == 0 ? 0 : s.summaryLong(Snapshot.REMOVED_FILES));
    result.put("total-records", s.summaryLong(Snapshot.TOTAL_RECORDS));
    result.put("dry-run", dryRun);
    String sentence = dryRun
        ? "Would delete " + deleted + " rows from " + t.id() + " (dry run; nothing committed)"
        : deleted == 0 ? "No row of " + t.id() + " matches; nothing committed"
        : "Deleted " + deleted + " rows from " + t.id() + ": snapshot " + s.snapshotId() + ", version "
            + t.version();
    ctx.output().result(sentence, result);
    return 0;
  }
}
