package dev.snaplog.catalog.internal;

import dev.snaplog.core.RemoveOrphanFiles;
import dev.snaplog.core.io.ObjectInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import dev.snaplog.manifest.TableMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the table's own objects that no retained version references and that are older than a cut-off.
 *
 * <p>Safe beside running writers at any cut-off, also "now" and also from a host whose clock is wrong: before
 * it lists anything, it commits the cut-off as the table's orphan horizon, judged by the store's clock (a
 * cut-off later than the store's now is lowered to it). A commit in flight whose files are older than the
 * horizon then fails with {@link dev.snaplog.core.exceptions.CommitFencedException} instead of landing
 * with files that are being deleted ({@link OrphanFence}); every commit that landed before the horizon is in
 * the references read after it. The safety age that remains is only a courtesy to writers: objects younger
 * than it are not worth failing a commit for.
 */
final class OrphanRemoval implements RemoveOrphanFiles {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanRemoval.class);
  static final Duration DEFAULT_SAFETY_AGE = Duration.ofDays(3);

  private final TableOperations ops;
  private Instant olderThan;
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
    long storeNow = head.pointer().storeNowMillis();
    long requested = olderThan == null ? storeNow - DEFAULT_SAFETY_AGE.toMillis()
        : Math.min(olderThan.toEpochMilli(), storeNow);
    // S3 stamps Last-Modified in whole seconds: an object written after a cut-off inside a second would look
    // older than it. A cut-off on a whole second makes "modified before" exact on every store.
    long cutoff = Math.floorDiv(requested, 1000L) * 1000L;
    TableState fenced = dryRun ? head : raiseHorizon(cutoff);
    Set<String> referenced = RetainedVersions.references(ops, fenced, false).all();
    String pointer = ops.locations().pointer();
    List<String> orphans = new ArrayList<>();
    for (ObjectInfo o : ops.storage().objects().list(ops.locations().root())) {
      String loc = o.location();
      if (!ops.locations().owns(loc) || loc.equals(pointer) || loc.equals(pointer + ".lock")
          || referenced.contains(loc) || o.lastModifiedMillis() >= cutoff) {
        continue;
      }
      orphans.add(loc);
    }
    if (!dryRun) {
      ops.storage().objects().deleteAll(orphans);
      LOG.info("Removed {} orphan objects of table {} older than {}", orphans.size(), ops.id(),
          Instant.ofEpochMilli(cutoff));
    }
    return orphans;
  }

  /** Commits {@code cutoff} as the orphan horizon (unless it is already there) and returns the head after it. */
  private TableState raiseHorizon(long cutoff) {
    Committer committer = new Committer(ops);
    committer.commit("orphan horizon", base -> {
      TableMetadata m = base.metadata();
      if (m.orphanHorizonMillis() >= cutoff) {
        return new Committer.AlreadyDone(m.currentSnapshot().orElse(null));
      }
      long ts = Committer.nextTimestamp(base);
      return new Committer.Next(committer.nextVersion(base, "orphan-horizon", ts)
          .orphanHorizonMillis(cutoff).build());
    });
    return ops.refresh();
  }
}
