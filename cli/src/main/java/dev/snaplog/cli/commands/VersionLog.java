package dev.snaplog.cli.commands;

import dev.snaplog.catalog.internal.BaseTable;
import dev.snaplog.catalog.internal.TableOperations;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.NoSuchTableException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.manifest.PointerFile;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The table's versions, newest first, each with the snapshot it made current. The public {@link Table} API
 * needs two full walks of the metadata chain for this ({@link Table#history()} for versions, then
 * {@link Table#snapshots()} for parents and summaries), however small {@code --limit} is; the catalog's own
 * table lets us walk the chain once and stop at the limit, which keeps {@code log --limit 10} flat as
 * history grows. Other tables fall back to the public API.
 */
final class VersionLog {
  /** One committed version and the snapshot current after it. */
  record Version(long version, long timestampMillis, String operation, Snapshot snapshot) {}

  private VersionLog() {}

  /**
   * Feeds versions with a snapshot to {@code sink}, newest first, until it returns false.
   */
  static void walk(Table table, Predicate<Version> sink) {
    if (table instanceof BaseTable base) {
      walkChain(base.operations(), sink);
      return;
    }
    Map<Long, Snapshot> byId = new HashMap<>();
    table.snapshots().forEach(s -> byId.put(s.snapshotId(), s));
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

  private static void walkChain(TableOperations ops, Predicate<Version> sink) {
    Optional<Pointer> pointer = ops.storage().pointers().read(ops.locations().pointer());
    if (pointer.isEmpty()) {
      throw new NoSuchTableException(ops.id().toString(), ops.locations().pointer());
    }
    PointerFile head = PointerFile.fromBytes(pointer.get().bytes(), ops.locations());
    TableMetadata first = ops.log().readMetadata(head.metadataLocation());
    for (TableMetadata m : ops.log().chain(first)) {
      if (m.currentSnapshot().isPresent() && !sink.test(new Version(m.version(), m.lastUpdatedMillis(),
          m.operation(), m.currentSnapshot().get()))) {
        return;
      }
    }
  }
}
