package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.output.Values;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Field;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code show TABLE}: one snapshot with its data files and their per-column stats. */
@Command(name = "show", description = "Show a snapshot (default: current) with its data files and column stats.",
    mixinStandardHelpOptions = true)
public final class ShowCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  SnapshotSelector selector;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    TableScan scan = SnapshotSelector.apply(selector, t, ctx);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    List<Map<String, Object>> files = new ArrayList<>();
    if (scan.snapshot().isPresent()) {
      doc.putAll(Tables.snapshot(scan.snapshot().get(), ctx));
      doc.put("summary", new TreeMap<>(scan.snapshot().get().summary()));
      boolean nested = ctx.output().format().isJson();
      for (FileScanTask task : scan.planFiles()) {
        files.add(file(t, task.file(), scan.schema(), nested));
      }
    } else {
      doc.put("snapshot-id", null);
    }
    doc.put("files", files);
    ctx.output().document(doc, "files");
    return 0;
  }

  /**
   * JSON nests stats per column; the table and CSV views flatten each column to one cell ({@code min..max,
   * N nulls}) so a file stays one line.
   */
  private static Map<String, Object> file(Table t, DataFile f, Schema schema, boolean nested) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", Tables.relative(t, f.location()));
    m.put("records", f.recordCount());
    m.put("bytes", f.fileSizeBytes());
    Map<String, Object> columns = new LinkedHashMap<>();
    for (Field field : schema.fields()) {
      ColumnStats s = f.columnStats().get(field.id());
      if (nested) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("min", s == null ? null : s.min().orElse(null));
        c.put("max", s == null ? null : s.max().orElse(null));
        c.put("nulls", s == null ? null : s.nullCount());
        columns.put(field.name(), c);
      } else {
        m.put(field.name(), s == null ? "?" : s.min().map(Values::text).orElse("-") + ".."
            + s.max().map(Values::text).orElse("-") + (s.nullCount() > 0 ? ", " + s.nullCount() + " nulls" : ""));
      }
    }
    if (nested) {
      m.put("columns", columns);
    }
    return m;
  }
}
