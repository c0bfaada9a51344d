package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.types.LossyInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command that changes rows with the rows of input files ({@code overwrite}, {@code upsert}): the options they
 * share and the one flow they follow. The input is checked whole before anything is written; a commit token
 * already committed reports the earlier commit and reads no input; a dry run commits nothing.
 *
 * @param <U> the operation the command builds
 */
abstract class RowInputCommand<U extends SnapshotUpdate<U>> extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
      description = "Input files: .csv, .jsonl/.ndjson/.json or .parquet.")
  List<Path> files;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Read every FILE as ${COMPLETION-CANDIDATES} instead of guessing from its name.")
  InputFormat inputFormat;

  @Option(names = "--commit-token", paramLabel = "WRITER:SEQ",
      description = "Make the commit idempotent, as for append.")
  String commitToken;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A summary property of the new snapshot.")
  Map<String, String> summary = new LinkedHashMap<>();

  @Option(names = "--allow-lossy", description = "Store input that cannot be stored exactly, as for append.")
  boolean allowLossy;

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
    InputFiles inputs = InputFiles.of(files, inputFormat);
    Limits.checkProperties("summary property", summary);
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    U update = newUpdate(t);
    summary.forEach(update::set);
    if (commitToken != null) {
      update.commitToken(commitToken);
      Optional<CommitResult> done = update.alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get().snapshot(), done.get(), 0);
        return 0;
      }
    }
    LossyInput lossy = allowLossy ? LossyInput.ALLOW : LossyInput.REFUSE;
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
