package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.cli.output.Output;
import dev.snaplog.cli.where.WhereParser;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scan TABLE}: rows of a snapshot, filtered and projected. */
@Command(name = "scan", description = "Print rows of a snapshot (default: current).", mixinStandardHelpOptions = true)
public final class ScanCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  SnapshotSelector selector;

  @Option(names = "--select", paramLabel = "COLUMNS", split = ",", description = "Columns to print, e.g. id,msg.")
  List<String> select;

  @Option(names = "--where", paramLabel = "FILTER",
      description = "Rows to keep, e.g. \"ts >= '2026-01-01' and id < 10\". Comparisons = != < <= > >=, in (...),"
          + " is [not] null, and/or/not, parentheses; quote strings and times with '.")
  String where;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Print at most N rows.")
  Long limit;

  @Override
  protected int run(CliContext ctx) {
    if (limit != null && limit < 0) {
      throw CliException.invalid("--limit must be 0 or more, got " + limit);
    }
    // parse the filter first: a typo should be reported before any storage is read
    var filter = where == null ? null : WhereParser.parse(where);
    Table t = ctx.loadTable(table);
    TableScan scan = SnapshotSelector.apply(selector, t, ctx);
    if (filter != null) {
      scan = scan.filter(filter);
    }
    if (select != null) {
      scan = scan.select(select.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }
    long max = limit == null ? Long.MAX_VALUE : limit;
    List<String> cols = scan.schema().columnNames();
    List<Type> types = scan.schema().fields().stream().map(Field::type).toList();
    try (Output.RowWriter w = ctx.output().rows(cols, types);
        CloseableIterable<Record> rows = max == 0 || scan.snapshot().isEmpty()
            ? CloseableIterable.of(List.of()) : scan.records()) {
      for (Record r : rows) {
        List<Object> values = new ArrayList<>(Arrays.asList(new Object[cols.size()]));
        for (int i = 0; i < cols.size(); i++) {
          values.set(i, r.get(i));
        }
        w.add(values);
        if (w.count() >= max) {
          break;
        }
      }
    }
    return 0;
  }
}
