package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.IncrementalScan;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.exceptions.NoSuchSnapshotException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code diff TABLE FROM TO}: which data files, and so how many rows, one snapshot has that the other lacks.
 * Computed by the table's incremental scan from the log alone (no data file is opened): files are immutable,
 * so a file live in both snapshots holds the same rows.
 */
@Command(name = "diff", description = "Files and rows added and removed between two snapshots.",
    mixinStandardHelpOptions = true)
public final class DiffCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1", paramLabel = "FROM",
      description = "A snapshot id, a tag, a branch, or a time (as --as-of).")
  String from;

  @Parameters(index = "2", paramLabel = "TO", description = "A snapshot id, a tag, a branch, or a time (as --as-of).")
  String to;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    Optional<Snapshot> a = resolve(t, from, ctx).snapshot();
    Optional<Snapshot> b = resolve(t, to, ctx).snapshot();
    List<DataFile> addedFiles;
    List<DataFile> removedFiles;
    if (b.isPresent()) {
      IncrementalScan inc = t.newIncrementalScan().toSnapshot(b.get().snapshotId());
      if (a.isPresent()) {
        inc = inc.fromSnapshot(a.get().snapshotId());
      }
      addedFiles = inc.addedFiles();
      removedFiles = inc.removedFiles();
    } else if (a.isPresent()) {
      // TO is the empty table (before the first commit): everything FROM held is removed
      addedFiles = List.of();
      removedFiles = t.newIncrementalScan().toSnapshot(a.get().snapshotId()).addedFiles();
    } else {
      addedFiles = List.of();
      removedFiles = List.of();
    }
    List<Map<String, Object>> changes = new ArrayList<>();
    long[] added = list(t, addedFiles, "added", changes);
    long[] removed = list(t, removedFiles, "removed", changes);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    doc.put("from-snapshot-id", a.map(Snapshot::snapshotId).orElse(null));
    doc.put("to-snapshot-id", b.map(Snapshot::snapshotId).orElse(null));
    doc.put("files-added", added[0]);
    doc.put("rows-added", added[1]);
    doc.put("files-removed", removed[0]);
    doc.put("rows-removed", removed[1]);
    doc.put("files", changes);
    ctx.output().document(doc, "files");
    return 0;
  }

  /** Adds {@code files} to {@code out} as {@code change}; returns {files, rows}. */
  private static long[] list(Table t, List<DataFile> files, String change, List<Map<String, Object>> out) {
    long rows = 0;
    for (DataFile f : files) {
      rows += f.recordCount();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("change", change);
      m.put("path", Tables.relative(t, f.location()));
      m.put("records", f.recordCount());
      m.put("bytes", f.fileSizeBytes());
      out.add(m);
    }
    return new long[] {files.size(), rows};
  }

  /** A snapshot id if numeric and known, else a tag of that name, else a branch, else a time. */
  static TableScan resolve(Table t, String ref, CliContext ctx) {
    if (ref.matches("\\d+")) {
      try {
        return t.newScan().useSnapshot(Long.parseLong(ref));
      } catch (NoSuchSnapshotException | NumberFormatException e) {
        if (!t.tags().containsKey(ref) && !t.branches().containsKey(ref)) {
          throw e;
        }
      }
    }
    if (t.tags().containsKey(ref)) {
      return t.newScan().useTag(ref);
    }
    if (t.branches().containsKey(ref) || ManageRefs.MAIN.equals(ref)) {
      return t.newScan().useBranch(ref);
    }
    Instant time;
    try {
      time = ctx.parseTime(ref);
    } catch (CliException e) {
      throw CliException.invalid("'" + ref + "' is not a snapshot id, a tag, a branch or a time of table "
          + t.id() + "; 'snaplog log " + t.id() + "' lists snapshots, 'snaplog describe' lists tags and branches");
    }
    return t.newScan().asOfTime(time);
  }
}
