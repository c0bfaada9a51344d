package dev.snaplog.catalog.internal;

import dev.snaplog.core.exceptions.CommitFencedException;
import dev.snaplog.core.io.ObjectInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a commit from naming objects that orphan removal may be deleting. Orphan removal first commits a
 * horizon (the store's clock) and then deletes unreferenced objects last modified before it; so a commit
 * whose base carries a horizon lands only if every object it names that lies in the table was modified at or
 * after that horizon. Objects this commit wrote itself are known to be no older than the moment it started;
 * the age of any other (a data file written earlier by another process) is read from the store once.
 *
 * <p>A later orphan run raises the horizon in a new version, which makes this commit's swap lose the race,
 * so the check always runs against the newest horizon before the swap that lands.
 */
final class OrphanFence {
  private final TableOperations ops;
  /** The store's clock before this commit wrote anything: a lower bound of its own objects' ages. */
  private final long ownWritesNotBefore;
  /** Objects named by the commit, with the lower bound of their last-modified time (null: unknown yet). */
  private final Map<String, Long> named = new LinkedHashMap<>();

  OrphanFence(TableOperations ops, long ownWritesNotBefore) {
    this.ops = ops;
    this.ownWritesNotBefore = ownWritesNotBefore;
  }

  /** An object this commit wrote itself, after it started. */
  void ownObject(String location) {
    named.put(location, ownWritesNotBefore);
  }

  /** An object written before this commit started, by anyone; its age is read only if a horizon needs it. */
  void foreignObject(String location) {
    if (ops.locations().owns(location)) {
      named.putIfAbsent(location, null);
    }
  }

  /**
   * @throws CommitFencedException if an object is older than the base's horizon or is gone
   */
  void check(TableState base) {
    long horizon = base.metadata().orphanHorizonMillis();
    if (horizon <= 0) {
      return;
    }
    for (Map.Entry<String, Long> e : named.entrySet()) {
      Long notBefore = e.getValue();
      if (notBefore != null && notBefore >= horizon) {
        continue;
      }
      Optional<ObjectInfo> info = ops.storage().objects().stat(e.getKey());
      if (info.isEmpty()) {
        throw fenced(base, e.getKey(), "is gone");
      }
      long modified = info.get().lastModifiedMillis();
      if (modified < horizon) {
        throw fenced(base, e.getKey(), "was last modified at " + Instant.ofEpochMilli(modified));
      }
      e.setValue(modified);
    }
  }

  private CommitFencedException fenced(TableState base, String location, String what) {
    return new CommitFencedException("Table " + ops.id() + ": this commit names " + location + ", which " + what
        + ", before the orphan horizon " + Instant.ofEpochMilli(base.metadata().orphanHorizonMillis())
        + " that orphan removal committed at or before version " + base.version() + "; orphan removal may"
        + " delete it at any moment, so nothing was committed. Write the data again and commit it in a new"
        + " operation", ops.id().toString(), base.version());
  }
}
