package dev.snaplog.catalog.internal;

import dev.snaplog.core.ExpireSnapshots;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.HistoryIndex;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.ReferenceCollector;
import dev.snaplog.manifest.TableMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expiry in two steps. First a version is committed that raises the history floor (tagged snapshots below it
 * stay pinned); from then on nothing can reach the expired versions. Only then are the objects deleted that
 * the expired versions referenced and the retained ones do not. A crash between or during the deletes leaves
 * orphans, never a dangling reference. Only the table's own objects are deleted: an external data file (one
 * outside the warehouse) stays wherever it is.
 */
final class ExpireOperation implements ExpireSnapshots {
  private static final Logger LOG = LoggerFactory.getLogger(ExpireOperation.class);
  static final Duration DEFAULT_MAX_AGE = Duration.ofDays(5);

  private final TableOperations ops;
  private Instant olderThan;
  private Integer retainLast;

  ExpireOperation(TableOperations ops) {
    this.ops = ops;
  }

  @Override
  public ExpireSnapshots olderThan(Instant time) {
    this.olderThan = time;
    return this;
  }

  @Override
  public ExpireSnapshots retainLast(int n) {
    ValidationException.check(n >= 1, "Table %s: retainLast must be at least 1, got %d", ops.id(), n);
    this.retainLast = n;
    return this;
  }

  /** The lowest version to keep, never above the head and never below the current floor. */
  private long floor(TableMetadata head) {
    long oldFloor = head.history().floor();
    Instant cutoff = olderThan != null ? olderThan
        : retainLast == null ? Instant.now().minus(DEFAULT_MAX_AGE) : null;
    long byTime = head.version();
    if (cutoff != null && head.lastUpdatedMillis() > cutoff.toEpochMilli()) {
      byTime = HistoryIndex.byTime(ops.log(), head, cutoff.toEpochMilli()).map(IndexEntry::version)
          .orElse(oldFloor);
    }
    long byCount = retainLast == null ? head.version() : floorKeeping(head, retainLast);
    long floor = cutoff == null ? byCount : Math.min(byTime, byCount);
    return Math.max(oldFloor, Math.min(floor, head.version()));
  }

  /**
   * The oldest version of the {@code n}-th newest run of versions sharing a current snapshot: versions that
   * did not change the data (tags, expiry itself) do not use up the count.
   */
  private long floorKeeping(TableMetadata head, int n) {
    long runs = head.currentSnapshot().isPresent() ? 1 : 0;
    long runSnapshot = head.currentSnapshot().map(s -> s.snapshotId()).orElse(0L);
    long floor = head.version();
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head)) {
      if (e.snapshotId() != runSnapshot) {
        if (runs >= n || e.snapshotId() == 0) {
          break;
        }
        runs++;
        runSnapshot = e.snapshotId();
      }
      floor = e.version();
    }
    return floor;
  }

  /** What expiring on top of {@code head} would do: the new floor, the pinned versions, the expired ones. */
  private record Plan(long floor, List<IndexEntry> pinned, List<String> expired) {}

  private Plan plan(TableMetadata head) {
    long floor = floor(head);
    List<IndexEntry> pinned = pinned(head, floor);
    Set<Long> pinnedVersions = new HashSet<>();
    pinned.forEach(p -> pinnedVersions.add(p.version()));
    List<String> expired = new ArrayList<>();
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head)) {
      if (e.version() < floor && !pinnedVersions.contains(e.version())) {
        expired.add(e.metadataLocation());
      }
    }
    return new Plan(floor, pinned, expired);
  }

  @Override
  public Result apply() {
    Plan plan = plan(ops.refresh().metadata());
    return new Result(plan.floor(), plan.expired().size(), 0, 0);
  }

  @Override
  public Result commit() {
    TableState before = ops.refresh();
    if (before.metadata().currentSnapshot().isEmpty()) {
      return new Result(before.metadata().history().floor(), 0, 0, 0);
    }
    long[] range = new long[2];
    List<String> expired = new ArrayList<>();
    Committer committer = new Committer(ops);
    committer.commit("expire snapshots", base -> {
      TableMetadata head = base.metadata();
      Plan plan = plan(head);
      long floor = plan.floor();
      range[0] = head.history().floor();
      range[1] = floor;
      expired.clear();
      expired.addAll(plan.expired());
      if (floor <= head.history().floor()) {
        return new Committer.AlreadyDone(head.currentSnapshot().orElseThrow());
      }
      long ts = Committer.nextTimestamp(base);
      TableMetadata.Builder next = committer.nextVersion(base, "expire", ts);
      TableMetadata draft = next.build();
      return new Committer.Next(draft.toBuilder()
          .history(HistoryIndex.expire(ops.log(), draft.history(), floor, plan.pinned(), draft.version()))
          .build());
    });
    if (expired.isEmpty()) {
      return new Result(range[1], 0, 0, 0);
    }
    TableState after = ops.refresh();
    ReferenceCollector keep = RetainedVersions.references(ops, after, false);
    ReferenceCollector drop = new ReferenceCollector(ops.log(), true);
    expired.forEach(drop::addVersion);
    Set<String> keepAll = keep.all();
    List<String> doomed = new ArrayList<>();
    for (String data : drop.dataFiles()) {
      if (!keepAll.contains(data) && ops.locations().owns(data)) {
        doomed.add(data);
      }
    }
    for (String dv : drop.deletionVectorObjects()) {
      if (!keepAll.contains(dv) && ops.locations().owns(dv)) {
        doomed.add(dv); // deletion vectors count as data files
      }
    }
    long deletedData = doomed.size();
    for (String object : drop.objects()) {
      if (!keepAll.contains(object) && ops.locations().owns(object)) {
        doomed.add(object);
      }
    }
    ops.storage().objects().deleteAll(doomed); // batched: one request per 1,000 objects on S3
    long deleted = doomed.size();
    LOG.info("Expired {} versions of table {} (floor {} -> {}); deleted {} objects, {} of them data files",
        expired.size(), ops.id(), range[0], range[1], deleted, deletedData);
    return new Result(range[1], expired.size(), deleted, deletedData);
  }

  /**
   * Versions below the new floor that stay because their snapshot is still in use: a tag names it, a branch
   * is at it, or a retained version has it current (after a rollback to it).
   */
  private List<IndexEntry> pinned(TableMetadata head, long floor) {
    Set<Long> inUse = new HashSet<>(head.tags().values());
    head.branches().values().forEach(b -> inUse.add(b.head().snapshotId()));
    head.currentSnapshot().ifPresent(s -> inUse.add(s.snapshotId()));
    for (IndexEntry e : HistoryIndex.newestFirst(ops.log(), head)) {
      if (e.version() >= floor && e.snapshotId() != 0) {
        inUse.add(e.snapshotId());
      }
    }
    List<IndexEntry> out = new ArrayList<>();
    for (long snapshotId : inUse) {
      long version = SnapshotIds.versionOf(snapshotId);
      if (version < floor) {
        Optional<IndexEntry> e = HistoryIndex.byVersion(ops.log(), head, version);
        e.ifPresent(entry -> {
          if (out.stream().noneMatch(p -> p.version() == entry.version())) {
            out.add(entry);
          }
        });
      }
    }
    return out;
  }
}
