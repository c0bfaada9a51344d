package dev.snaplog.catalog.internal;

import dev.snaplog.core.RemoveOrphanFiles;
import dev.snaplog.core.io.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what no retained version references. Objects younger than the safety age are left alone whatever
 * they are: they may belong to a commit that has written its files but not yet swapped the pointer.
 */
final class OrphanRemoval implements RemoveOrphanFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanRemoval.class);
  static final Duration DEFAULT_SAFETY_AGE = Duration.ofDays(3);

  private final TableOperations ops;
  private Instant olderThan = Instant.now().minus(DEFAULT_SAFETY_AGE);
  private boolean dryRun;

  OrphanRemoval(TableOperations ops) {
    this.ops = ops;
  }

  @Override
  public RemoveOrphanFiles olderThan(Instant time) {
    this.olderThan = time;
    return this;
  }

  @Override
  public RemoveOrphanFiles dryRun(boolean value) {
    this.dryRun = value;
    return this;
  }

  @Override
  public List<String> execute() {
    TableState head = ops.refresh();
    Set<String> referenced = RetainedVersions.references(ops, head, false).all();
    String pointer = ops.locations().pointer();
    List<String> orphans = new ArrayList<>();
    for (ObjectInfo o : ops.storage().objects().list(ops.locations().root())) {
      String loc = o.location();
      if (loc.equals(pointer) || loc.equals(pointer + ".lock") || referenced.contains(loc)
          || o.lastModifiedMillis() >= olderThan.toEpochMilli()) {
        continue;
      }
      orphans.add(loc);
    }
    if (!dryRun) {
      ops.storage().objects().deleteAll(orphans);
      LOG.info("Removed {} orphan objects of table {} older than {}", orphans.size(), ops.id(), olderThan);
    }
    return orphans;
  }
}
