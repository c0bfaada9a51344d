package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Field;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code describe TABLE}: schema, partitioning, sort order, properties, tags, branches and the current snapshot,
 * then every schema, partition spec and sort order the table has had.
 */
@Command(name = "describe", description = "Show a table's schema, partitioning, sort order, properties, tags,"
    + " branches, current snapshot, and the schemas, partition specs and sort orders it has had.",
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
    doc.put("schema-id", t.schema().schemaId());
    doc.put("partition-by", t.spec().isUnpartitioned() ? "(none)" : t.spec().toText(t.schema()));
    doc.put("spec-id", t.spec().specId());
    doc.put("sort-by", t.sortOrder().isUnsorted() ? "(none)" : t.sortOrder().toText(t.schema()));
    doc.put("sort-order-id", t.sortOrder().orderId());
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
    List<Map<String, Object>> schemas = new ArrayList<>();
    for (Schema s : t.schemas()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("schema-id", s.schemaId());
      row.put("current", s.schemaId() == t.schema().schemaId());
      row.put("columns", s.toString());
      schemas.add(row);
    }
    doc.put("schemas", schemas);
    List<Map<String, Object>> specs = new ArrayList<>();
    for (PartitionSpec s : t.specs().values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("spec-id", s.specId());
      row.put("current", s.specId() == t.spec().specId());
      row.put("partition-by", s.isUnpartitioned() ? "(none)" : s.toText(t.schema()));
      row.put("field-ids", s.fields().stream().map(PartitionSpec.Field::fieldId).toList());
      specs.add(row);
    }
    doc.put("partition-specs", specs);
    List<Map<String, Object>> orders = new ArrayList<>();
    for (SortOrder o : t.sortOrders().values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("order-id", o.orderId());
      row.put("current", o.orderId() == t.sortOrder().orderId());
      row.put("sort-by", o.isUnsorted() ? "(none)" : o.toText(t.schema()));
      orders.add(row);
    }
    doc.put("sort-orders", orders);
    ctx.output().document(doc, "columns");
    return 0;
  }
}
