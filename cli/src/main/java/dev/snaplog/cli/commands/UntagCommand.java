package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code untag TABLE NAME}: removes a tag; the snapshot itself stays. */
@Command(name = "untag", description = "Remove a tag (the snapshot stays).", mixinStandardHelpOptions = true)
public final class UntagCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "NAME", description = "The tag to remove.")
  String name;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    if (!t.tags().containsKey(name)) {
      throw CliException.notFound("Table " + t.id() + " has no tag '" + name + "'; its tags are "
          + t.tags().keySet());
    }
    ctx.requireWritable();
    t.manageRefs().removeTag(name).commit();
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("tag", name);
    result.put("removed", true);
    result.put("version", t.version());
    ctx.output().result("Removed tag '" + name + "' of " + t.id(), result);
    return 0;
  }
}
