package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.InputFormat;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Schema;
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
 * {@code append TABLE FILE...}: imports files as one commit. Every file is read and checked completely before
 * anything is written, so bad input leaves neither a commit nor stray data files; then the rows are written
 * (one data file per input file) and committed together.
 */
@Command(name = "append", description = "Append CSV (with header), JSON lines or Parquet files as ONE commit.",
    mixinStandardHelpOptions = true)
public final class AppendCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE",
      description = "Input files: .csv, .jsonl/.ndjson/.json or .parquet.")
  List<Path> files;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Read every FILE as ${COMPLETION-CANDIDATES} instead of guessing from its name.")
  InputFormat inputFormat;

  @Option(names = "--commit-token", paramLabel = "WRITER:SEQ",
      description = "Make the commit idempotent: a token already committed (same writer, sequence at or below"
          + " its last) commits nothing and reports the snapshot that holds it.")
  String commitToken;

  @Option(names = "--branch", paramLabel = "NAME",
      description = "Commit to this branch instead of main; main does not change until 'fast-forward'.")
  String branch;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A summary property of the new snapshot.")
  Map<String, String> summary = new LinkedHashMap<>();

  @Option(names = "--allow-lossy",
      description = "Store input that cannot be stored exactly instead of refusing it: numbers beyond float or"
          + " double range (as infinity or 0), times finer than microseconds (truncated), invalid UTF-8 and"
          + " unpaired surrogates (as U+FFFD), a JSON key given twice in one object (the last value wins).")
  boolean allowLossy;

  @Override
  protected int run(CliContext ctx) {
    InputFiles inputs = InputFiles.of(files, inputFormat);
    Limits.checkProperties("summary property", summary); // before any input is read
    Table t = ctx.loadTable(table);
    if (branch != null) {
      Tables.requireBranch(t, branch);
    }
    ctx.requireWritable();
    Schema schema = t.schema();
    if (commitToken != null) {
      // asking before writing any data file means a retried batch costs nothing
      Optional<CommitResult> done = newAppend(t).commitToken(commitToken).alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get(), 0);
        return 0;
      }
    }
    Progress progress = new Progress(ctx.err(), ctx.showProgress());
    long rows = inputs.checkAll(schema, lossy(), progress);
    AppendFiles append = newAppend(t);
    summary.forEach(append::set);
    if (commitToken != null) {
      append.commitToken(commitToken);
    }
    for (int i = 0; i < inputs.size(); i++) {
      append.appendRecords(inputs.rows(i, schema, lossy(), progress));
    }
    progress.clear();
    report(ctx, t, append.commitWithResult(), rows);
    return 0;
  }

  private LossyInput lossy() {
    return allowLossy ? LossyInput.ALLOW : LossyInput.REFUSE;
  }

  private AppendFiles newAppend(Table t) {
    return branch == null ? t.newAppend() : t.newAppend().toBranch(branch);
  }

  /**
   * States what this call did: its own commit (version and snapshot of that commit, also when it was found
   * after an unknown outcome), or a duplicate, naming the committed token it matched and where that is.
   */
  private void report(CliContext ctx, Table t, CommitResult r, long rows) {
    Snapshot s = r.snapshot();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("version", r.version());
    result.put("snapshot-id", s.snapshotId());
    result.put("files", files.size());
    result.put("added-records", r.duplicate() ? 0 : rows);
    result.put("total-records", s.summaryLong(Snapshot.TOTAL_RECORDS));
    result.put("duplicate", r.duplicate());
    r.matchedToken().ifPresent(token -> result.put("matched-token", token));
    result.put("branch", branch == null ? ManageRefs.MAIN : branch);
    String sentence = r.duplicate()
        ? "Commit token " + commitToken + " is already committed (matched " + r.matchedToken().orElseThrow()
            + ", in snapshot " + s.snapshotId() + " at version " + r.version() + "); nothing appended"
        : "Appended " + rows + " rows from " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " to "
            + t.id() + (branch == null ? "" : " branch '" + branch + "'") + ": snapshot " + s.snapshotId()
            + ", version " + r.version();
    ctx.output().result(sentence, result);
  }
}
