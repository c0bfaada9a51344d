package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.SizeParser;
import dev.snaplog.core.CommitResult;
import dev.snaplog.core.RewriteFiles;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code compact TABLE [--target-size SIZE] [--dry-run]}: rewrites small files and files with deleted rows into
 * files near the target size, same rows, in one commit. Runs beside writers: appends committed meanwhile are
 * kept and rows deleted meanwhile stay deleted; a concurrent rewrite of a file it replaces makes it fail with
 * exit 8 (run it again).
 */
@Command(name = "compact", description = "Rewrite small files and fold in deleted rows, same rows, in ONE commit.",
    mixinStandardHelpOptions = true)
public final class CompactCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--target-size", paramLabel = "SIZE",
      description = "The size new files aim at (e.g. 128MB); default the table property"
          + " write.target-file-size-bytes, else 128MB. Files under 3/4 of it are rewritten.")
  String targetSize;

  @Option(names = "--dry-run", description = "Report what would be rewritten; write and commit nothing.")
  boolean dryRun;

  @Override
  protected int run(CliContext ctx) {
    Long target = targetSize == null ? null : SizeParser.parse(targetSize);
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    RewriteFiles rewrite = t.newRewrite();
    if (target != null) {
      rewrite.targetFileSizeBytes(target);
    }
    long versionBefore = t.version();
    Map<String, Object> result;
    if (dryRun) {
      result = ChangeReport.of(t, rewrite.apply(), null, true);
    } else {
      CommitResult r = rewrite.commitWithResult();
      boolean committed = t.refresh().version() != versionBefore;
      result = ChangeReport.of(t, committed ? r.snapshot() : null, committed ? r : null, false);
    }
    long removed = (Long) result.get("removed-files");
    String sentence = removed == 0 ? "Nothing to compact in " + t.id() + "; nothing committed"
        : (dryRun ? "Would rewrite " : "Rewrote ") + removed + " files of " + t.id() + " into "
            + result.get("added-files") + " (" + result.get("added-records") + " rows)"
            + (dryRun ? " (dry run; nothing committed)" : ": snapshot " + result.get("snapshot-id") + ", version "
            + result.get("version"));
    ctx.output().result(sentence, result);
    return 0;
  }
}
