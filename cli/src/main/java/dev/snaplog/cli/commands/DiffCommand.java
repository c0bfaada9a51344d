package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code diff TABLE FROM TO}: which data files, and so how many rows, one snapshot has that the other lacks.
 * Computed from the two planned file sets: files are immutable, so a file in both holds the same rows.
 */
@Command(name = "diff", description = "Files and rows added and removed between two snapshots.",
    mixinStandardHelpOptions = true)
public final class DiffCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "FROM", description = "A snapshot id, a tag, or a time (as --as-of).")
  String from;

  @Parameters(index = "2", paramLabel = "TO", description = "A snapshot id, a tag, or a time (as --as-of).")
  String to;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    TableScan a = resolve(t, from, ctx);
    TableScan b = resolve(t, to, ctx);
    Map<String, DataFile> before = files(a);
    Map<String, DataFile> after = files(b);
    List<Map<String, Object>> changes = new ArrayList<>();
    long[] added = diff(t, after, before, "added", changes);
    long[] removed = diff(t, before, after, "removed", changes);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    doc.put("from-snapshot-id", a.snapshot().map(Snapshot::snapshotId).orElse(null));
    doc.put("to-snapshot-id", b.snapshot().map(Snapshot::snapshotId).orElse(null));
    doc.put("files-added", added[0]);
    doc.put("rows-added", added[1]);
    doc.put("files-removed", removed[0]);
    doc.put("rows-removed", removed[1]);
    doc.put("files", changes);
    ctx.output().document(doc, "files");
    return 0;
  }

  /** Adds files of {@code in} missing from {@code notIn} to {@code out}; returns {files, rows}. */
  private static long[] diff(Table t, Map<String, DataFile> in, Map<String, DataFile> notIn, String change,
      List<Map<String, Object>> out) {
    long files = 0;
    long rows = 0;
    for (DataFile f : in.values()) {
      if (!notIn.containsKey(f.location())) {
        files++;
        rows += f.recordCount();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("change", change);
        m.put("path", Tables.relative(t, f.location()));
        m.put("records", f.recordCount());
        m.put("bytes", f.fileSizeBytes());
        out.add(m);
      }
    }
    return new long[] {files, rows};
  }

  private static Map<String, DataFile> files(TableScan scan) {
    Map<String, DataFile> out = new LinkedHashMap<>();
    for (FileScanTask task : scan.planFiles()) {
      out.put(task.file().location(), task.file());
    }
    return out;
  }

  /** A snapshot id if numeric and known, else a tag of that name, else a time. */
  static TableScan resolve(Table t, String ref, CliContext ctx) {
    if (ref.matches("\\d+")) {
      try {
        return t.newScan().useSnapshot(Long.parseLong(ref));
      } catch (NoSuchSnapshotException | NumberFormatException e) {
        if (!t.tags().containsKey(ref)) {
          throw e;
        }
      }
    }
    if (t.tags().containsKey(ref)) {
      return t.newScan().useTag(ref);
    }
    java.time.Instant time;
    try {
      time = ctx.parseTime(ref);
    } catch (dev.snaplog.cli.CliException e) {
      throw dev.snaplog.cli.CliException.invalid("'" + ref + "' is not a snapshot id, a tag or a time of table "
          + t.id() + "; 'snaplog log " + t.id() + "' lists snapshots, 'snaplog describe' lists tags");
    }
    return t.newScan().asOfTime(time);
  }
}
