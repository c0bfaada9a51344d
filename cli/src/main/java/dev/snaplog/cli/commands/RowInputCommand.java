package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.types.LossyInput;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that changes rows with the rows of input files ({@code overwrite}, {@code upsert}): the options they
 * share and the one flow they follow. The input is checked whole before anything is written; a commit token
 * already committed reports the earlier commit and reads no input; a dry run commits nothing.
 *
 * @param <U> the operation the command builds
 */
abstract class RowInputCommand<U extends SnapshotUpdate<U>> extends BaseCommand {
  @Mixin
  RowInputOptions input;

  @Option(names = "--dry-run", description = "Report what would change; write and commit nothing.")
  boolean dryRun;

  /** The operation on {@code t}, configured from the command's own options. */
  protected abstract U newUpdate(Table t);

  /** Hands the rows of one input file to the operation. */
  protected abstract void addRecords(U update, Iterable<Record> rows);

  /**
   * Whether a dry run hands the input to the operation: needed when what it would delete depends on the rows
   * (upsert's keys); otherwise the rows are only counted and {@code report} gets their number.
   */
  protected abstract boolean dryRunReadsRows();

  /**
   * Prints the outcome.
   *
   * @param r the commit's result; {@code null} for a dry run
   * @param inputRows the rows checked in the input (0 when a duplicate token meant none was read)
   */
  protected abstract void report(CliContext ctx, Table t, Snapshot s, CommitResult r, long inputRows);

  @Override
  protected final int run(CliContext ctx) {
    InputFiles inputs = input.inputFiles();
    Limits.checkProperties("summary property", input.summary);
    Table t = ctx.loadTable(input.table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    U update = newUpdate(t);
    input.summary.forEach(update::set);
    if (input.commitToken != null) {
      update.commitToken(input.commitToken);
      Optional<CommitResult> done = update.alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get().snapshot(), done.get(), 0);
        return 0;
      }
    }
    LossyInput lossy = input.lossy();
    Progress progress = new Progress(ctx.err(), ctx.showProgress());
    long rows = inputs.checkAll(t.schema(), lossy, progress);
    if (!dryRun || dryRunReadsRows()) {
      for (int i = 0; i < inputs.size(); i++) {
        addRecords(update, inputs.rows(i, t.schema(), lossy, progress));
      }
    }
    progress.clear();
    if (dryRun) {
      report(ctx, t, update.apply(), null, rows);
    } else {
      CommitResult r = update.commitWithResult();
      report(ctx, t, r.snapshot(), r, rows);
    }
    return 0;
  }
}
