package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.output.Output;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tables [NS]}: the tables of one namespace or of all, with their current state. */
@Command(name = "tables", description = "List tables with their version and current snapshot.",
    mixinStandardHelpOptions = true)
public final class TablesCommand extends BaseCommand {
  @Parameters(paramLabel = "NAMESPACE", arity = "0..1", description = "Only this namespace (default: all).")
  String namespace;

  @Override
  protected int run(CliContext ctx) {
    Catalog catalog = ctx.catalog();
    List<String> namespaces = namespace != null ? List.of(namespace) : catalog.listNamespaces();
    List<String> cols = Arrays.asList("table", "version", "snapshot-id", "records", "files", "last-commit");
    try (Output.RowWriter w = ctx.output().rows(cols)) {
      for (String ns : namespaces) {
        for (TableId id : catalog.listTables(ns)) {
          Table t = catalog.loadTable(id);
          Optional<Snapshot> s = t.currentSnapshot();
          List<Object> row = new ArrayList<>();
          row.add(id.toString());
          row.add(t.version());
          row.add(s.map(Snapshot::snapshotId).orElse(null));
          row.add(s.map(x -> x.summaryLong(Snapshot.TOTAL_RECORDS)).orElse(0L));
          row.add(s.map(x -> x.summaryLong(Snapshot.TOTAL_FILES)).orElse(0L));
          row.add(s.map(x -> ctx.formatTime(x.timestamp())).orElse(null));
          w.add(row);
        }
      }
    }
    return 0;
  }
}
