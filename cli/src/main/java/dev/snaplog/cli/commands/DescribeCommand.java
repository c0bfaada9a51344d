package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Field;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code describe TABLE}: schema, properties, tags, branches and the current snapshot. */
@Command(name = "describe", description = "Show a table's schema, properties, tags, branches and current"
    + " snapshot.",
    mixinStandardHelpOptions = true)
public final class DescribeCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    doc.put("location", t.location());
    doc.put("version", t.version());
    doc.put("current-snapshot-id", Tables.currentId(t).orElse(null));
    t.currentSnapshot().ifPresent(s -> {
      doc.put("last-commit", ctx.formatTime(s.timestamp()));
      doc.put("total-records", s.summaryLong(Snapshot.TOTAL_RECORDS));
      doc.put("total-files", s.summaryLong(Snapshot.TOTAL_FILES));
      doc.put("total-bytes", s.summaryLong(Snapshot.TOTAL_BYTES));
    });
    doc.put("schema", t.schema().toString());
    doc.put("properties", new TreeMap<>(t.properties()));
    doc.put("tags", new TreeMap<>(t.tags()));
    doc.put("branches", new TreeMap<>(t.branches()));
    List<Map<String, Object>> columns = new ArrayList<>();
    for (Field f : t.schema().fields()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", f.id());
      c.put("name", f.name());
      c.put("type", f.type().toString());
      c.put("required", f.required());
      columns.add(c);
    }
    doc.put("columns", columns);
    ctx.output().document(doc, "columns");
    return 0;
  }
}
