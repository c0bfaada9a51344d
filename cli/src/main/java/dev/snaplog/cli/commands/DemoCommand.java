package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the point of Snaplog in one command. Creates a sample table in the current warehouse, commits
 * three snapshots, travels back in time, rolls back and tags, narrating each step with the command that does
 * the same by hand. Never touches existing tables: it picks a free table name.
 */
@Command(name = "demo", description = "Create a sample table, commit snapshots and time-travel, narrating each"
    + " step.", mixinStandardHelpOptions = true)
public final class DemoCommand extends BaseCommand {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, msg string");

  @Option(names = "--namespace", paramLabel = "NS", description = "Namespace for the sample table (default: demo).")
  String namespace = "demo";

  private PrintStream out;

  @Override
  protected int run(CliContext ctx) {
    out = ctx.quiet() ? new PrintStream(java.io.OutputStream.nullOutputStream()) : ctx.out();
    Catalog catalog = ctx.catalogCreatingWarehouse();
    ctx.requireWritable();
    step("Warehouse: " + catalog.warehouse());
    if (!catalog.namespaceExists(namespace)) {
      catalog.createNamespace(namespace);
    }
    TableId id = freeName(catalog);
    Table t = catalog.createTable(id, SCHEMA);
    step("Created table " + id + " (" + SCHEMA + ")", "snaplog create " + id + " --schema \"" + SCHEMA + "\"");
    // timestamptz holds microseconds; a finer clock reading would be refused as lossy
    Instant start = ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    Snapshot s1 = append(t, 1, 3, start, "signup");
    say("snapshot " + s1.snapshotId() + ": 3 rows, committed at " + ctx.formatTime(s1.timestamp()));
    Snapshot s2 = append(t, 4, 6, start.plusSeconds(60), "login");
    say("snapshot " + s2.snapshotId() + ": 3 more rows, 6 in total");
    Snapshot s3 = append(t, 7, 9, start.plusSeconds(120), "purchase");
    say("snapshot " + s3.snapshotId() + ": 3 more rows, 9 in total. Each append is one atomic commit: a"
        + " compare-and-swap of the table's pointer.");
    step("The log: every commit is a version", "snaplog log " + id);
    for (var v : VersionLog.list(t.refresh(), 10)) {
      say(String.format("version %d  snapshot %d  %s  %s, %d rows", v.version(), v.snapshot().snapshotId(),
          ctx.formatTime(Instant.ofEpochMilli(v.timestampMillis())), v.operation(),
          v.snapshot().summaryLong(Snapshot.TOTAL_RECORDS)));
    }
    String asOf = ctx.formatTime(s1.timestamp());
    step("Time travel: the table as it was right after the first commit",
        "snaplog scan " + id + " --as-of " + asOf);
    printRows(t.newScan().asOfTime(s1.timestamp()).records().toList());
    step("Roll back to the first snapshot (a new version; nothing is deleted)",
        "snaplog rollback " + id + " --to " + s1.snapshotId());
    t.newRollback().toSnapshot(s1.snapshotId()).commit();
    say("current rows: " + t.refresh().newScan().records().toList().size());
    step("Tag the third snapshot, then read it by name", "snaplog tag " + id + " full-load --snapshot "
        + s3.snapshotId() + " && snaplog scan " + id + " --tag full-load --limit 3");
    t.manageRefs().createTag("full-load", s3.snapshotId()).commit();
    printRows(t.refresh().newScan().useTag("full-load").records().toList().subList(0, 3));
    step("Done. Explore further:", "snaplog describe " + id + "; snaplog show " + id + "; snaplog diff " + id
        + " " + s1.snapshotId() + " " + s3.snapshotId());
    return 0;
  }

  private TableId freeName(Catalog catalog) {
    TableId id = TableId.of(namespace, "events");
    for (int n = 2; catalog.tableExists(id); n++) {
      id = TableId.of(namespace, "events_" + n);
    }
    return id;
  }

  private Snapshot append(Table t, long from, long to, Instant ts, String msg) {
    List<Record> rows = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      rows.add(GenericRecord.of(SCHEMA, i, ts.plusSeconds(i), msg + " #" + i));
    }
    Snapshot s = t.newAppend().appendRecords(rows).commit();
    step("Appended rows " + from + ".." + to, null);
    return s;
  }

  private void printRows(List<Record> rows) {
    for (Record r : rows) {
      say(r.get("id") + "  " + r.get("ts") + "  " + r.get("msg"));
    }
  }

  private void step(String what, String command) {
    out.println();
    out.println("==> " + what);
    if (command != null) {
      out.println("    $ " + command);
    }
  }

  private void step(String what) {
    step(what, null);
  }

  private void say(String line) {
    out.println("    " + line);
  }
}
