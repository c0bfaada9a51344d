package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code branch TABLE NAME [--snapshot ID]}: starts a line of commits apart from main. {@code append --branch}
 * commits to it, reads take {@code --branch}, and {@code fast-forward} makes it main's current snapshot.
 */
@Command(name = "branch", description = "Start a branch at a snapshot (default: the current one).",
    mixinStandardHelpOptions = true)
public final class BranchCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "NAME", description = "The branch name ('main' is taken).")
  String name;

  @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to start at (default: current).")
  Long snapshotId;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    ctx.requireWritable();
    long id = Tables.snapshotOrCurrent(t, snapshotId, "branch from");
    t.manageRefs().createBranch(name, id).commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("branch", name);
    result.put("snapshot-id", id);
    result.put("version", t.version());
    ctx.output().result("Created branch '" + name + "' of " + t.id() + " at snapshot " + id, result);
    return 0;
  }
}
