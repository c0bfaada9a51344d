package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Small shared views of tables and snapshots, so every command names fields the same way (kebab-case). */
final class Tables {
  private Tables() {}

  /** A snapshot as printed by show, diff, rollback and tag: id, parent, time and counts. */
  static Map<String, Object> snapshot(Snapshot s, CliContext ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("snapshot-id", s.snapshotId());
    m.put("parent-id", s.parentId().orElse(null));
    m.put("sequence-number", s.sequenceNumber());
    m.put("timestamp-ms", s.timestampMillis());
    m.put("time", ctx.formatTime(s.timestamp()));
    m.put("operation", s.operation());
    m.put("total-records", s.summaryLong(Snapshot.TOTAL_RECORDS));
    m.put("total-files", s.summaryLong(Snapshot.TOTAL_FILES));
    return m;
  }

  /** The location of a file relative to its table, which is what people need to tell files apart. */
  static String relative(Table table, String location) {
    String root = table.location().endsWith("/") ? table.location() : table.location() + "/";
    return location.startsWith(root) ? location.substring(root.length()) : location;
  }

  /**
   * Fails with "not found" (exit 3) unless {@code name} is a branch of the table or {@code main}: the same code
   * whether the branch is read, written or fast-forwarded.
   */
  static void requireBranch(Table table, String name) {
    if (!ManageRefs.MAIN.equals(name) && !table.branches().containsKey(name)) {
      throw CliException.notFound("Table " + table.id() + " has no branch '" + name + "'; its branches are "
          + table.branches().keySet() + " (create one with 'snaplog branch " + table.id() + " NAME')");
    }
  }

  /** {@code snapshotId} if given, else the current snapshot's id; an error naming {@code what} if there is none. */
  static long snapshotOrCurrent(Table table, Long snapshotId, String what) {
    if (snapshotId != null) {
      return snapshotId;
    }
    return currentId(table).orElseThrow(() -> CliException.invalid("Table " + table.id() + " has no snapshot to "
        + what + " yet; append data first"));
  }

  static Optional<Long> currentId(Table table) {
    return table.currentSnapshot().map(Snapshot::snapshotId);
  }
}
