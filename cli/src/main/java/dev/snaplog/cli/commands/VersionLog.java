package dev.snaplog.cli.commands;

import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The table's versions, newest first, each with the snapshot it made current. {@link Table#history()} comes
 * from the history index (no metadata file is read for it); each snapshot shown costs one lookup, so
 * {@code log --limit 10} stays flat as history grows.
 */
final class VersionLog {
  /** One committed version and the snapshot current after it. */
  record Version(long version, long timestampMillis, String operation, Snapshot snapshot) {}

  private VersionLog() {}

  /** Feeds versions with a snapshot to {@code sink}, newest first, until it returns false. */
  static void walk(Table table, Predicate<Version> sink) {
    Map<Long, Snapshot> byId = new HashMap<>();
    for (HistoryEntry e : table.history()) {
      Snapshot s = byId.computeIfAbsent(e.snapshotId(), table::snapshot);
      if (!sink.test(new Version(e.version(), e.timestampMillis(), e.operation(), s))) {
        return;
      }
    }
  }

  static List<Version> list(Table table, int limit) {
    List<Version> out = new ArrayList<>();
    walk(table, v -> {
      out.add(v);
      return out.size() < limit;
    });
    return out;
  }
}
