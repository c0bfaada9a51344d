package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.SnaplogException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A writer process for the fault-history test. For each line {@code RUN <namespace.table> <seed>} on its standard
 * input it runs a seeded sequence of appends (each with a commit token, retried with the same token as a pipeline
 * retries a batch), rollbacks, tags and expiries on that table, through whatever endpoint it is given, then
 * prints {@code DONE}; it exits at the end of its input. It reports every outcome on stdout:
 * <ul>
 *   <li>{@code ACK append <token> <snapshotId>} once an append's commit() returned,
 *   <li>{@code ACK <op> ...} for the other operations,
 *   <li>{@code FAILED <op> <token> <exception class>} for a typed error ({@link SnaplogException}),
 *   <li>{@code UNTYPED <op> <token> <exception class>: <message>} for anything else (a test failure).
 * </ul>
 * Arguments: warehouse, writer number, operations per run, then {@code key=value} properties.
 */
public final class FaultWorker {
  private static final int ATTEMPTS_PER_TOKEN = 3;

  private FaultWorker() {}

  public static void main(String[] args) throws java.io.IOException {
    String warehouse = args[0];
    int writer = Integer.parseInt(args[1]);
    int operations = Integer.parseInt(args[2]);
    Map<String, String> props = new HashMap<>();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
        java.nio.charset.StandardCharsets.UTF_8));
    try (Catalog catalog = Catalogs.open(warehouse, props)) {
      String command;
      while ((command = in.readLine()) != null) {
        String[] c = command.split(" ");
        history(catalog, TableId.parse(c[1]), writer, operations, new Random(Long.parseLong(c[2])));
        System.out.println("DONE");
        System.out.flush();
      }
    }
  }

  private static void history(Catalog catalog, TableId id, int writer, int operations, Random random) {
    Table table = null;
    for (int op = 0; op < operations; op++) {
      String token = "w" + writer + ":" + op;
      int dice = random.nextInt(100);
      String kind = dice < 70 ? "append" : dice < 80 ? "rollback" : dice < 90 ? "tag" : "expire";
      int attempts = kind.equals("append") ? ATTEMPTS_PER_TOKEN : 1;
      for (int attempt = 1; attempt <= attempts; attempt++) {
        try {
          if (table == null) {
            table = catalog.loadTable(id);
          }
          String ack = run(table, kind, token, writer * 1_000_000L + op * 10L);
          System.out.println("ACK " + kind + " " + token + " " + ack);
          break;
        } catch (SnaplogException e) {
          table = null; // reload on the next attempt, as a restarted job would
          if (attempt == attempts) {
            System.out.println("FAILED " + kind + " " + token + " " + e.getClass().getSimpleName());
          }
        } catch (RuntimeException e) {
          table = null;
          System.out.println("UNTYPED " + kind + " " + token + " " + e.getClass().getName() + ": "
              + String.valueOf(e.getMessage()).replace('\n', ' '));
          break;
        }
      }
      System.out.flush();
    }
  }

  private static String run(Table table, String kind, String token, long firstRowId) {
    table.refresh();
    switch (kind) {
      case "append" -> {
        List<Record> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          rows.add(GenericRecord.of(table.schema(), firstRowId + i, Instant.EPOCH, token));
        }
        Snapshot s = table.newAppend().appendRecords(rows).set("fault-op", token).commitToken(token).commit();
        return String.valueOf(s.snapshotId());
      }
      case "rollback" -> {
        Optional<Long> parent = table.currentSnapshot().flatMap(Snapshot::parentId);
        if (parent.isEmpty()) {
          return "nothing";
        }
        return String.valueOf(table.newRollback().toSnapshot(parent.get()).commit().snapshotId());
      }
      case "tag" -> {
        Optional<Snapshot> current = table.currentSnapshot();
        if (current.isEmpty()) {
          return "nothing";
        }
        table.manageRefs().createTag("t-" + token.replace(':', '-'), current.get().snapshotId()).commit();
        return String.valueOf(current.get().snapshotId());
      }
      default -> {
        return String.valueOf(table.expireSnapshots().retainLast(6).commit().oldestRetainedVersion());
      }
    }
  }
}
