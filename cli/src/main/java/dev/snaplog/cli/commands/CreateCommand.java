package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Field;
import dev.snaplog.core.Limits;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.NoSuchNamespaceException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create TABLE --schema ...}: a new empty table; its first snapshot comes with the first append. */
@Command(name = "create", description = "Create a table.", mixinStandardHelpOptions = true)
public final class CreateCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = {"-s", "--schema"}, required = true, paramLabel = "SCHEMA",
      description = "Columns as 'name type [not null], ...', e.g. \"id long not null, ts timestamptz, msg"
          + " string\". Types: boolean int long float double decimal(p,s) string binary date time timestamp"
          + " timestamptz uuid.")
  String schema;

  @Option(names = "--partition-by", paramLabel = "SPEC",
      description = "Hidden partitioning, e.g. \"day(ts), bucket(16, id)\": identity (a bare column), year, month,"
          + " day, hour, bucket(N, col), truncate(W, col). Filters on the source columns skip whole partitions.")
  String partitionBy;

  @Option(names = "--sort-by", paramLabel = "ORDER",
      description = "Sort rows within each new data file, e.g. \"ts desc, id, msg asc nulls last\": columns with"
          + " asc (the default) or desc, and nulls first or nulls last. Filters on the sort columns then skip"
          + " more.")
  String sortBy;

  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE", description = "A table property (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  protected int run(CliContext ctx) {
    TableId id = TableId.parse(table);
    Schema parsed = Schema.parse(schema); // before touching storage: a typo must not need a warehouse
    PartitionSpec spec = partitionBy == null || partitionBy.isBlank() ? PartitionSpec.UNPARTITIONED
        : PartitionSpec.parse(partitionBy, parsed);
    SortOrder order = sortBy == null ? SortOrder.UNSORTED : SortOrder.parse(sortBy, parsed);
    Limits.checkProperties("table property", properties);
    Catalog catalog = ctx.catalog();
    ctx.requireWritable();
    Table created;
    try {
      created = catalog.createTable(id, parsed, spec, order, properties);
    } catch (NoSuchNamespaceException e) {
      throw CliException.notFound("Namespace " + id.namespace() + " does not exist; create it with 'snaplog ns"
          + " create " + id.namespace() + "'");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", id.toString());
    result.put("location", created.location());
    result.put("version", created.version());
    result.put("schema", created.schema().toString());
    result.put("partition-by", created.spec().toText(created.schema()));
    result.put("sort-by", created.sortOrder().toText(created.schema()));
    ctx.output().result("Created table " + id + " (" + describe(created.schema()) + ")"
        + (created.spec().isUnpartitioned() ? "" : " partitioned by " + created.spec().toText(created.schema()))
        + (created.sortOrder().isUnsorted() ? "" : " sorted by " + created.sortOrder().toText(created.schema())),
        result);
    return 0;
  }

  private static String describe(Schema s) {
    StringBuilder sb = new StringBuilder();
    for (Field f : s.fields()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f);
    }
    return sb.toString();
  }
}
