package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.cli.output.Output;
import dev.snaplog.core.ChangelogScan;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.RowChange;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.Table;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code changes TABLE [--from REF] [--to REF]}: the change feed, every row inserted or deleted by the snapshots
 * after FROM up to TO, oldest first, each with its kind and snapshot (see {@link ChangelogScan}). Where
 * {@code diff} counts files from the log, this reads the rows.
 */
@Command(name = "changes", description = "Rows inserted and deleted by each snapshot between two snapshots.",
    mixinStandardHelpOptions = true)
public final class ChangesCommand extends BaseCommand {
  /** Leading columns of every row: what happened to it, and which snapshot did it. */
  static final String CHANGE = "_change";
  static final String SNAPSHOT_ID = "_snapshot_id";

  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--from", paramLabel = "REF", description = "Start (its own changes excluded): a snapshot id, a"
      + " tag, a branch, or a time (as --as-of). Default: before the first snapshot.")
  String from;

  @Option(names = "--to", paramLabel = "REF", description = "End (its changes included), as --from. Default: the"
      + " current snapshot.")
  String to;

  @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Print at most N changes.")
  Long limit;

  @Override
  protected int run(CliContext ctx) {
    if (limit != null && limit < 0) {
      throw CliException.invalid("--limit must be 0 or more, got " + limit);
    }
    Table t = ctx.loadTable(table);
    ChangelogScan scan = t.newChangelogScan();
    if (from != null) {
      scan = scan.fromSnapshot(snapshot(DiffCommand.resolve(t, from, ctx), from, t));
    }
    TableScan end = to == null ? t.newScan() : DiffCommand.resolve(t, to, ctx);
    if (to != null) {
      scan = scan.toSnapshot(snapshot(end, to, t));
    }
    List<String> cols = new ArrayList<>(List.of(CHANGE, SNAPSHOT_ID));
    cols.addAll(end.schema().columnNames()); // rows come in the end snapshot's schema
    List<Type> types = new ArrayList<>(Arrays.asList(null, null));
    end.schema().fields().forEach(f -> types.add(f.type()));
    long max = limit == null ? Long.MAX_VALUE : limit;
    try (Output.RowWriter w = ctx.output().rows(cols, types);
        CloseableIterable<RowChange> changes = max == 0 ? CloseableIterable.of(List.of()) : scan.changes()) {
      for (RowChange c : changes) {
        List<Object> values = new ArrayList<>(cols.size());
        values.add(c.kind().name().toLowerCase(java.util.Locale.ROOT));
        values.add(c.snapshotId());
        for (int i = 0; i < cols.size() - 2; i++) {
          values.add(c.row().get(i));
        }
        w.add(values);
        if (w.count() >= max) {
          break;
        }
      }
    }
    return 0;
  }

  private static long snapshot(TableScan resolved, String ref, Table t) {
    return resolved.snapshot().orElseThrow(() -> CliException.invalid("'" + ref + "' names no snapshot of table " + t.id()
        + " (the table had none then)")).snapshotId();
  }
}
