package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.Upsert;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code upsert TABLE --key COLS FILE...}: inserts the files' rows, replacing every row with the same key, in
 * one commit. The input is read and checked whole first (as {@code append} does), and the batch must hold each
 * key once; bad input commits nothing and writes no data file.
 */
@Command(name = "upsert", description = "Insert rows, replacing the rows with the same key, in ONE commit.",
    mixinStandardHelpOptions = true)
public final class UpsertCommand extends RowInputCommand<Upsert> {
  @Option(names = "--key", required = true, split = ",", paramLabel = "COLUMN",
      description = "The key columns rows are matched on, e.g. --key id or --key tenant,id.")
  List<String> key;

  @Override
  protected Upsert newUpdate(Table t) {
    return t.newUpsert().key(key);
  }

  @Override
  protected void addRecords(Upsert update, Iterable<Record> rows) {
    update.addRecords(rows);
  }

  @Override
  protected boolean dryRunReadsRows() {
    return true; // which rows go depends on the batch's keys
  }

  @Override
  protected void report(CliContext ctx, Table t, Snapshot s, CommitResult r, long inputRows) {
    Map<String, Object> result = ChangeReport.of(t, s, r, dryRun);
    String sentence = r != null && r.duplicate()
        ? input.alreadyCommitted(r, "nothing upserted")
        : (dryRun ? "Would upsert " : "Upserted ") + result.get("added-records") + " rows into " + t.id()
            + ", replacing " + result.get("removed-records") + (dryRun ? " (dry run; nothing committed)"
            : ": snapshot " + s.snapshotId() + ", version " + r.version());
    ctx.output().result(sentence, result);
  }
}
