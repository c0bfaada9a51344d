package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code unbranch TABLE NAME}: removes a branch. Its snapshots stay in the history; expiry may then drop those
 * that neither main nor a tag still uses.
 */
@Command(name = "unbranch", description = "Remove a branch (main is unchanged).", mixinStandardHelpOptions = true)
public final class UnbranchCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "NAME", description = "The branch to remove.")
  String name;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    Tables.requireBranch(t, name);
    ctx.requireWritable();
    t.manageRefs().removeBranch(name).commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("branch", name);
    result.put("removed", true);
    result.put("version", t.version());
    ctx.output().result("Removed branch '" + name + "' of " + t.id(), result);
    return 0;
  }
}
