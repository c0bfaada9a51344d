package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code fast-forward TABLE BRANCH}: makes the branch head main's current snapshot, as a new version. Allowed
 * only while main has not moved on since the branch started (main's snapshot is an ancestor of the branch
 * head); otherwise nothing changes and the exit code is 4.
 */
@Command(name = "fast-forward", description = "Make a branch's head main's current snapshot (only if main has"
    + " not moved on since the branch started).", mixinStandardHelpOptions = true)
public final class FastForwardCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "BRANCH", description = "The branch whose head main takes.")
  String branch;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    if (ManageRefs.MAIN.equals(branch)) {
      throw CliException.invalid("Cannot fast-forward main to itself; name a branch of " + t.id() + ": "
          + t.branches().keySet());
    }
    Tables.requireBranch(t, branch);
    ctx.requireWritable();
    Long before = Tables.currentId(t).orElse(null);
    t.manageRefs().fastForward(branch).commit();
    t.refresh();
    Snapshot s = t.currentSnapshot().orElseThrow();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("branch", branch);
    result.put("previous-snapshot-id", before);
    result.put("version", t.version());
    result.putAll(Tables.snapshot(s, ctx));
    ctx.output().result("Fast-forwarded main of " + t.id() + " to branch '" + branch + "': snapshot "
        + s.snapshotId() + " (" + s.summaryLong(Snapshot.TOTAL_RECORDS) + " rows); now at version " + t.version(),
        result);
    return 0;
  }
}
