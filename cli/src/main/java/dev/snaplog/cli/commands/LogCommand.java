package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.cli.output.Output;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code log TABLE}: the committed versions, newest first. Every version is listed, rollbacks and tag changes
 * included, because the version chain is what time travel by {@code --as-of} follows.
 */
@Command(name = "log", description = "List committed versions, newest first: version, snapshot, parent, time,"
    + " operation, summary.", mixinStandardHelpOptions = true)
public final class LogCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N versions.")
  Integer limit;

  @Override
  protected int run(CliContext ctx) {
    if (limit != null && limit < 0) {
      throw CliException.invalid("--limit must be 0 or more, got " + limit);
    }
    Table t = ctx.loadTable(table);
    int max = limit == null ? Integer.MAX_VALUE : limit;
    List<String> cols = Arrays.asList("version", "snapshot-id", "parent-id", "timestamp-ms", "time", "operation",
        "added-records", "total-records", "summary");
    try (Output.RowWriter w = ctx.output().rows(cols)) {
      if (max == 0) {
        return 0;
      }
      VersionLog.walk(t, v -> {
        Snapshot s = v.snapshot();
        List<Object> row = new ArrayList<>();
        row.add(v.version());
        row.add(s.snapshotId());
        row.add(s.parentId().orElse(null));
        row.add(v.timestampMillis());
        row.add(ctx.formatTime(java.time.Instant.ofEpochMilli(v.timestampMillis())));
        row.add(v.operation());
        row.add(s.summaryLong(Snapshot.ADDED_RECORDS));
        row.add(s.summaryLong(Snapshot.TOTAL_RECORDS));
        row.add(otherSummary(s.summary()));
        w.add(row);
        return w.count() < max;
      });
    }
    return 0;
  }

  /** The summary without the counts already shown in their own columns. */
  private static Map<String, String> otherSummary(Map<String, String> summary) {
    Map<String, String> rest = new TreeMap<>(summary);
    rest.remove(Snapshot.ADDED_RECORDS);
    rest.remove(Snapshot.TOTAL_RECORDS);
    return rest;
  }
}
