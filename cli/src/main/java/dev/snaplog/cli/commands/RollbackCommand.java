package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Rollback;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rollback TABLE --to ID | --as-of TIME}: makes an earlier snapshot current. The rollback is a new
 * version, so nothing is lost: {@code log} shows it, and rolling forward is another rollback.
 */
@Command(name = "rollback", description = "Make an earlier snapshot current again (as a new version).",
    mixinStandardHelpOptions = true)
public final class RollbackCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--to", paramLabel = "ID", required = true, description = "The snapshot id to restore.")
    Long snapshotId;

    @Option(names = "--as-of", paramLabel = "TIME", required = true,
        description = "Restore the snapshot that was current at TIME.")
    String asOf;
  }

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    ctx.requireWritable();
    Rollback rollback = t.newRollback();
    rollback = target.snapshotId != null ? rollback.toSnapshot(target.snapshotId)
        : rollback.toTime(ctx.parseTime(target.asOf));
    Snapshot s = rollback.commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("version", t.version());
    result.putAll(Tables.snapshot(s, ctx));
    ctx.output().result("Rolled back " + t.id() + " to snapshot " + s.snapshotId() + " of " + ctx.formatTime(
        s.timestamp()) + " (" + s.summaryLong(Snapshot.TOTAL_RECORDS) + " rows); now at version " + t.version(),
        result);
    return 0;
  }
}
