package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.where.WhereParser;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code overwrite TABLE --where FILTER FILE...}: deletes the rows matching the filter and adds the files'
 * rows, in one commit (a late correction of one day). The input is read and checked whole first; a dry run
 * writes nothing.
 */
@Command(name = "overwrite", description = "Replace the rows matching a filter with the rows of files, in ONE"
    + " commit.", mixinStandardHelpOptions = true)
public final class OverwriteCommand extends RowInputCommand<OverwriteFiles> {
  @Option(names = "--where", paramLabel = "FILTER", required = true,
      description = "The rows to replace, in the --where syntax of scan, e.g. \"day = '2026-01-01'\".")
  String where;

  @Override
  protected OverwriteFiles newUpdate(Table t) {
    return t.newOverwrite().overwriteByFilter(WhereParser.parse(where));
  }

  @Override
  protected void addRecords(OverwriteFiles update, Iterable<Record> rows) {
    update.addRecords(rows);
  }

  @Override
  protected boolean dryRunReadsRows() {
    return false; // the filter alone says what goes; the files are not written, their rows are counted
  }

  @Override
  protected void report(CliContext ctx, Table t, Snapshot s, CommitResult r, long inputRows) {
    Map<String, Object> result = ChangeReport.of(t, s, r, dryRun);
    if (dryRun) {
      result.put("added-records", inputRows);
      result.put("added-files", (long) input.files.size());
      result.put("total-records", (Long) result.get("total-records") + inputRows);
    }
    String sentence = r != null && r.duplicate()
        ? input.alreadyCommitted(r, "nothing overwritten")
        : (dryRun ? "Would replace " : "Replaced ") + result.get("removed-records") + " rows of " + t.id()
            + " with " + result.get("added-records") + (dryRun ? " (dry run; nothing committed)"
            : ": snapshot " + s.snapshotId() + ", version " + r.version());
    ctx.output().result(sentence, result);
  }
}
