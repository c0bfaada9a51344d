package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.RemoveOrphanFiles;
import dev.snaplog.core.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orphans TABLE [--older-than TIME] [--dry-run]}: lists and deletes objects under the table that no
 * retained version references (left by crashed or failed writers, or an interrupted expiry). Only objects
 * older than a safety age (default: 3 days) are candidates, so files of commits still in flight are never
 * touched.
 */
@Command(name = "orphans", description = "List and delete files no retained version references, older than a"
    + " safety age (default: 3 days).", mixinStandardHelpOptions = true)
public final class OrphansCommand extends BaseCommand {
  /** The library's default safety age, stated here to report the cut-off used. */
  static final Duration DEFAULT_SAFETY_AGE = Duration.ofDays(3);

  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--older-than", paramLabel = "TIME",
      description = "Only objects last modified before TIME are candidates (default: 3 days ago). A recent TIME"
          + " can delete files of commits still being written: use it only when no writer is running.")
  String olderThan;

  @Option(names = "--dry-run", description = "List the orphans; delete nothing.")
  boolean dryRun;

  @Override
  protected int run(CliContext ctx) {
    Instant cutoff = olderThan == null ? ctx.clock().instant().minus(DEFAULT_SAFETY_AGE) : ctx.parseTime(olderThan);
    Table t = ctx.loadTable(table);
    if (!dryRun) {
      ctx.requireWritable();
    }
    RemoveOrphanFiles removal = t.removeOrphanFiles().olderThan(cutoff).dryRun(dryRun);
    List<String> orphans = removal.execute();
    List<Map<String, Object>> files = new ArrayList<>();
    for (String location : orphans) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", Tables.relative(t, location));
      m.put("deleted", !dryRun);
      files.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    doc.put("older-than", ctx.formatTime(cutoff));
    doc.put("dry-run", dryRun);
    doc.put("orphans", orphans.size());
    doc.put("files", files);
    ctx.output().document(doc, "files");
    return 0;
  }
}
