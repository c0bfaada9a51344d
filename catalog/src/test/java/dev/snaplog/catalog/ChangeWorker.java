package dev.snaplog.catalog;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.SnapshotUpdate;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A separate JVM that runs changes on command, for the cross-process conflict matrix. Commands on stdin, one
 * per line:
 * <ul>
 *   <li>{@code LOAD ns.table}: loads the table; prints {@code LOADED <version>}. Later changes read this
 *       version (the handle is not refreshed), so a change run after another process committed loses the race
 *       and is validated against that commit.
 *   <li>{@code RUN <isolation> <op> <args...>}: commits one change; prints {@code RESULT OK <version>},
 *       {@code RESULT CONFLICT <conflicting version> <file>} or {@code RESULT ERROR <exception>}. Ops:
 *       {@code append FIRST COUNT}, {@code delete LO HI} (ids in [LO, HI)), {@code overwrite LO HI FIRST COUNT},
 *       {@code upsert FIRST COUNT}, {@code compact}, {@code expire} (every version but those of the current
 *       snapshot, and the files only they used; the version printed is the table's after it).
 * </ul>
 * Rows are {@code (id, "<tag>-<id>")}; the tag is the worker's name (first argument).
 *
 * <p>Arguments: worker name, warehouse, then any number of {@code key=value} catalog properties (S3 endpoint and
 * credentials).
 */
public final class ChangeWorker {
  private ChangeWorker() {}

  public static void main(String[] args) throws IOException {
    String name = args[0];
    Map<String, String> props = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (Catalog catalog = Catalogs.open(args[1], props);
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY");
      System.out.flush();
      Table table = null;
      String line;
      while ((line = in.readLine()) != null) {
        String[] w = line.trim().split("\\s+");
        if (w[0].equals("LOAD")) {
          table = catalog.loadTable(TableId.parse(w[1]));
          System.out.println("LOADED " + table.version());
        } else {
          System.out.println("RESULT " + run(table, name, w));
        }
        System.out.flush();
      }
    }
  }

  private static String run(Table t, String tag, String[] w) {
    IsolationLevel level = IsolationLevel.parse(w[1]);
    try {
      if (w[2].equals("expire")) {
        t.expireSnapshots().olderThan(Instant.now()).retainLast(1).commit();
        return "OK " + t.refresh().version();
      }
      SnapshotUpdate<?> change = switch (w[2]) {
        case "append" -> t.newAppend().appendRecords(rows(t, tag, num(w[3]), num(w[4])));
        case "delete" -> t.newDelete().deleteWhere(range(num(w[3]), num(w[4]))).isolationLevel(level);
        case "overwrite" -> t.newOverwrite().overwriteByFilter(range(num(w[3]), num(w[4])))
            .addRecords(rows(t, tag, num(w[5]), num(w[6]))).isolationLevel(level);
        case "upsert" -> t.newUpsert().key("id").addRecords(rows(t, tag, num(w[3]), num(w[4])))
            .isolationLevel(level);
        case "compact" -> t.newRewrite().targetFileSizeBytes(1 << 20);
        default -> throw new IllegalArgumentException("unknown op " + w[2]);
      };
      return "OK " + change.commitWithResult().version();
    } catch (CommitConflictException e) {
      return "CONFLICT " + e.conflictingVersion().orElse(-1L) + " " + e.conflictingFile().orElse("-");
    } catch (RuntimeException e) {
      return "ERROR " + e;
    }
  }

  private static long num(String s) {
    return Long.parseLong(s);
  }

  private static Expression range(long lo, long hi) {
    return Expressions.and(Expressions.greaterThanOrEqual("id", lo), Expressions.lessThan("id", hi));
  }

  private static List<Record> rows(Table t, String tag, long first, long count) {
    List<Record> out = new ArrayList<>();
    for (long id = first; id < first + count; id++) {
      out.add(GenericRecord.of(t.schema(), id, tag + "-" + id));
    }
    return out;
  }
}
