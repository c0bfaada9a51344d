package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.Upsert;
import dev.snaplog.core.types.LossyInput;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code upsert TABLE --key COLS FILE...}: inserts the files' rows, replacing every row with the same key, in
 * one commit. The input is read and checked whole first (as {@code append} does), and the batch must hold each
 * key once; bad input commits nothing and writes no data file.
 */
@Command(name = "upsert", description = "Insert rows, replacing the rows with the same key, in ONE commit.",
    mixinStandardHelpOptions = true)
public final class UpsertCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
      description = "Input files: .csv, .jsonl/.ndjson/.json or .parquet.")
  List<Path> files;

  @Option(names = "--key", required = true, split = ",", paramLabel = "COLUMN",
      description = "The key columns rows are matched on, e.g. --key id or --key tenant,id.")
  List<String> key;

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

  @Override
  protected int run(CliContext ctx) {
    InputFiles inputs = InputFiles.of(files, inputFormat);
    Limits.checkProperties("summary property", summary);
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    Upsert upsert = t.newUpsert().key(key);
    summary.forEach(upsert::set);
    if (commitToken != null) {
      upsert.commitToken(commitToken);
      Optional<CommitResult> done = upsert.alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get().snapshot(), done.get());
        return 0;
      }
    }
    LossyInput lossy = allowLossy ? LossyInput.ALLOW : LossyInput.REFUSE;
    Progress progress = new Progress(ctx.err(), ctx.showProgress());
    inputs.checkAll(t.schema(), lossy, progress);
    for (int i = 0; i < inputs.size(); i++) {
      upsert.addRecords(inputs.rows(i, t.schema(), lossy, progress));
    }
    progress.clear();
    if (dryRun) {
      report(ctx, t, upsert.apply(), null);
    } else {
      CommitResult r = upsert.commitWithResult();
      report(ctx, t, r.snapshot(), r);
    }
    return 0;
  }

  private void report(CliContext ctx, Table t, Snapshot s, CommitResult r) {
    Map<String, Object> result = ChangeReport.of(t, s, r, dryRun);
    String sentence = r != null && r.duplicate()
        ? "Commit token " + commitToken + " is already committed (matched " + r.matchedToken().orElseThrow()
            + ", in snapshot " + s.snapshotId() + " at version " + r.version() + "); nothing upserted"
        : (dryRun ? "Would upsert " : "Upserted ") + result.get("added-records") + " rows into " + t.id()
            + ", replacing " + result.get("removed-records") + (dryRun ? " (dry run; nothing committed)"
            : ": snapshot " + s.snapshotId() + ", version " + r.version());
    ctx.output().result(sentence, result);
  }
}
