package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.cli.where.WhereParser;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
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
 * {@code overwrite TABLE --where FILTER FILE...}: deletes the rows matching the filter and adds the files'
 * rows, in one commit (a late correction of one day). The input is read and checked whole first; a dry run
 * writes nothing.
 */
@Command(name = "overwrite", description = "Replace the rows matching a filter with the rows of files, in ONE"
    + " commit.", mixinStandardHelpOptions = true)
public final class OverwriteCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
      description = "Input files: .csv, .jsonl/.ndjson/.json or .parquet.")
  List<Path> files;

  @Option(names = "--where", paramLabel = "FILTER", required = true,
      description = "The rows to replace, in the --where syntax of scan, e.g. \"day = '2026-01-01'\".")
  String where;

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
    OverwriteFiles overwrite = t.newOverwrite().overwriteByFilter(WhereParser.parse(where));
    summary.forEach(overwrite::set);
    if (commitToken != null) {
      overwrite.commitToken(commitToken);
      Optional<CommitResult> done = overwrite.alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get().snapshot(), done.get(), 0);
        return 0;
      }
    }
    LossyInput lossy = allowLossy ? LossyInput.ALLOW : LossyInput.REFUSE;
    Progress progress = new Progress(ctx.err(), ctx.showProgress());
    long rows = inputs.checkAll(t.schema(), lossy, progress);
    if (dryRun) {
      progress.clear();
      report(ctx, t, overwrite.apply(), null, rows); // the files are not written: their rows are counted
      return 0;
    }
    for (int i = 0; i < inputs.size(); i++) {
      overwrite.addRecords(inputs.rows(i, t.schema(), lossy, progress));
    }
    progress.clear();
    CommitResult r = overwrite.commitWithResult();
    report(ctx, t, r.snapshot(), r, rows);
    return 0;
  }

  private void report(CliContext ctx, Table t, Snapshot s, CommitResult r, long rows) {
    Map<String, Object> result = ChangeReport.of(t, s, r, dryRun);
    if (dryRun) {
      result.put("added-records", rows);
      result.put("added-files", (long) files.size());
      result.put("total-records", (Long) result.get("total-records") + rows);
    }
    String sentence = r != null && r.duplicate()
        ? "Commit token " + commitToken + " is already committed (matched " + r.matchedToken().orElseThrow()
            + ", in snapshot " + s.snapshotId() + " at version " + r.version() + "); nothing overwritten"
        : (dryRun ? "Would replace " : "Replaced ") + result.get("removed-records") + " rows of " + t.id()
            + " with " + result.get("added-records") + (dryRun ? " (dry run; nothing committed)"
            : ": snapshot " + s.snapshotId() + ", version " + r.version());
    ctx.output().result(sentence, result);
  }
}
