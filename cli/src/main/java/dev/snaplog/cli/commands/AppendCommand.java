package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.input.Progress;
import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.Limits;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code append TABLE FILE...}: imports files as one commit. Every file is read and checked completely before
 * anything is written, so bad input leaves neither a commit nor stray data files; then the rows are written
 * (one data file per input file) and committed together.
 */
@Command(name = "append", description = "Append CSV (with header), JSON lines or Parquet files as ONE commit.",
    mixinStandardHelpOptions = true)
public final class AppendCommand extends BaseCommand {
  @Mixin
  RowInputOptions input;

  @Option(names = "--branch", paramLabel = "NAME",
      description = "Commit to this branch instead of main; main does not change until 'fast-forward'.")
  String branch;

  @Override
  protected int run(CliContext ctx) {
    InputFiles inputs = input.inputFiles();
    Limits.checkProperties("summary property", input.summary); // before any input is read
    Table t = ctx.loadTable(input.table);
    if (branch != null) {
      Tables.requireBranch(t, branch);
    }
    ctx.requireWritable();
    Schema schema = t.schema();
    if (input.commitToken != null) {
      // asking before writing any data file means a retried batch costs nothing
      Optional<CommitResult> done = newAppend(t).commitToken(input.commitToken).alreadyCommitted();
      if (done.isPresent()) {
        report(ctx, t, done.get(), 0);
        return 0;
      }
    }
    Progress progress = new Progress(ctx.err(), ctx.showProgress());
    long rows = inputs.checkAll(schema, input.lossy(), progress);
    AppendFiles append = newAppend(t);
    input.summary.forEach(append::set);
    if (input.commitToken != null) {
      append.commitToken(input.commitToken);
    }
    for (int i = 0; i < inputs.size(); i++) {
      append.appendRecords(inputs.rows(i, schema, input.lossy(), progress));
    }
    progress.clear();
    report(ctx, t, append.commitWithResult(), rows);
    return 0;
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
    result.put("files", input.files.size());
    result.put("added-records", r.duplicate() ? 0 : rows);
    result.put("total-records", s.summaryLong(Snapshot.TOTAL_RECORDS));
    result.put("duplicate", r.duplicate());
    r.matchedToken().ifPresent(token -> result.put("matched-token", token));
    result.put("branch", branch == null ? ManageRefs.MAIN : branch);
    String sentence = r.duplicate()
        ? input.alreadyCommitted(r, "nothing appended")
        : "Appended " + rows + " rows from " + input.files.size() + " file" + (input.files.size() == 1 ? "" : "s")
            + " to " + t.id() + (branch == null ? "" : " branch '" + branch + "'") + ": snapshot " + s.snapshotId()
            + ", version " + r.version();
    ctx.output().result(sentence, result);
  }
}
