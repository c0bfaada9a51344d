package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tag TABLE NAME [--snapshot ID]}: a name for a snapshot, for {@code --tag} reads. */
@Command(name = "tag", description = "Name a snapshot (default: the current one).", mixinStandardHelpOptions = true)
public final class TagCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "NAME", description = "The tag name.")
  String name;

  @Option(names = "--snapshot", paramLabel = "ID", description = "The snapshot to tag (default: current).")
  Long snapshotId;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    ctx.requireWritable();
    long id = Tables.snapshotOrCurrent(t, snapshotId, "tag");
    t.manageRefs().createTag(name, id).commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("tag", name);
    result.put("snapshot-id", id);
    result.put("version", t.version());
    ctx.output().result("Tagged snapshot " + id + " of " + t.id() + " as '" + name + "'", result);
    return 0;
  }
}
