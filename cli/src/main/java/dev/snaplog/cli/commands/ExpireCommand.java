package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code expire TABLE [--older-than TIME] [--retain-last N] [--dry-run]}: drops old versions from the history,
 * then deletes the files only they referenced. Snapshots still in use (current, tagged, a branch head) stay.
 * The history change is committed before anything is deleted, so an interrupted expiry leaves a readable table
 * and at worst orphans for {@code orphans}.
 */
@Command(name = "expire", description = "Drop history older than a time (default: 5 days) and delete the files"
    + " only it used.", mixinStandardHelpOptions = true)
public final class ExpireCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--older-than", paramLabel = "TIME",
      description = "Expire versions committed before TIME, except the one current at TIME (ISO-8601, local"
          + " date-time in --zone, or -10m, -2h, -7d). Default without --retain-last: 5 days ago.")
  String olderThan;

  @Option(names = "--retain-last", paramLabel = "N",
      description = "Keep the versions of the N newest snapshots to have been current, whatever their age."
          + " With --older-than, a version is kept if either option keeps it.")
  Integer retainLast;

  @Option(names = "--dry-run", description = "Report the new start of the history; change and delete nothing.")
  boolean dryRun;

  @Override
  protected int run(CliContext ctx) {
    if (retainLast != null && retainLast < 1) {
      throw CliException.invalid("--retain-last must be 1 or more, got " + retainLast);
    }
    // parse the time first: a typo should be reported before any storage is read
    var cutoff = olderThan == null ? null : ctx.parseTime(olderThan);
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    ExpireSnapshots expire = t.expireSnapshots();
    if (cutoff != null) {
      expire = expire.olderThan(cutoff);
    }
    if (retainLast != null) {
      expire = expire.retainLast(retainLast);
    }
    ExpireSnapshots.Result r = dryRun ? expire.apply() : expire.commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("dry-run", dryRun);
    result.put("oldest-retained-version", r.oldestRetainedVersion());
    result.put("expired-versions", r.expiredVersions());
    result.put("deleted-files", r.deletedFiles());
    result.put("deleted-data-files", r.deletedDataFiles());
    result.put("version", t.version());
    String sentence = dryRun
        ? "Would expire " + r.expiredVersions() + " version" + plural(r.expiredVersions()) + " of " + t.id()
            + ": history would start at version " + r.oldestRetainedVersion() + " (dry run: nothing changed)"
        : "Expired " + r.expiredVersions() + " version" + plural(r.expiredVersions()) + " of " + t.id()
            + ": history starts at version " + r.oldestRetainedVersion() + "; deleted " + r.deletedFiles()
            + " file" + plural(r.deletedFiles()) + ", " + r.deletedDataFiles() + " of them data files";
    ctx.output().result(sentence, result);
    return 0;
  }

  private static String plural(long n) {
    return n == 1 ? "" : "s";
  }
}
