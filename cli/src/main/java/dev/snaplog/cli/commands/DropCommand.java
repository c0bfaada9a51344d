package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.TableId;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code drop TABLE [--purge]}: removes the pointer; with --purge every object of the table too. */
@Command(name = "drop", description = "Drop a table. Without --purge its files stay for recovery by hand.",
    mixinStandardHelpOptions = true)
public final class DropCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--purge", description = "Also delete every data, log and metadata file of the table.")
  boolean purge;

  @Override
  protected int run(CliContext ctx) {
    TableId id = TableId.parse(table);
    Catalog catalog = ctx.catalog();
    ctx.requireWritable();
    if (!catalog.dropTable(id, purge)) {
      throw CliException.notFound("Table " + id + " does not exist in " + catalog.warehouse());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", id.toString());
    result.put("dropped", true);
    result.put("purged", purge);
    ctx.output().result("Dropped table " + id + (purge ? " and deleted its files" : " (files kept; --purge"
        + " deletes them)"), result);
    return 0;
  }
}
