package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.RewriteFiles;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.data.SortOptions;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.manifest.DeletionVectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * Compaction; see {@link RewriteFiles}. Candidates (small files and files with deleted rows) are packed in
 * table order into bins of at most the target size, judged by each file's live share of its bytes; every bin
 * of two or more files, or holding a file with deleted rows, is written as one new file of its live rows.
 * For a sorted table, all candidates of a partition form one bin written as one sorted run (at most
 * {@code write.sort.buffer-rows} rows held at once), cut into files of about the target size, so the new files
 * cover disjoint ranges of the sort columns and filters on them skip files.
 * The change is one commit that removes the old files and adds the new ones.
 *
 * <p>Conflicts: appends do not touch the files it replaces and are kept. A concurrent commit that removed or
 * rewrote one of them (copy-on-write, another compaction, a rollback) makes it conflict. A concurrent delete
 * that only gave one of them a (bigger) deletion vector does not: the rewrite remembers where each row it read
 * went in its new files ({@link RowPlacement}), and on retry carries the newly deleted positions over into
 * deletion vectors of those files, so no deleted row comes back and the compaction still lands.
 */
final class RewriteOperation extends BaseSnapshotUpdate<RewriteFiles> implements RewriteFiles {
  /** The operation name of a compaction's snapshots. */
  static final String OPERATION = "rewrite";

  private final BaseTable table;
  private final RowDeletes rowDeletes;
  private Long targetBytes;
  /** Where the rows of each replaced file went, by its location; filled as the files are written. */
  private final Map<String, Origin> origins = new HashMap<>();
  /** The change as first worked out, which every retry restates from. */
  private FileChanges planned;

  /**
   * The rows of one replaced file in its bin's new files: the live rows as read (every position not in
   * {@code deletedAtRead}) were written in order from ordinal {@code firstOrdinal} of the bin's writer, and
   * {@code placement} says where each ordinal went (a sort order reorders them, and a full sort buffer splits
   * them into several files).
   */
  private record Origin(RoaringBitmap deletedAtRead, RowPlacement placement, long firstOrdinal) {
    /** The writer's ordinal of the replaced file's position {@code p} (a row that was live). */
    long ordinal(int p) {
      return firstOrdinal + p - deletedAtRead.rank(p);
    }
  }

  RewriteOperation(TableOperations ops, BaseTable table) {
    super(ops);
    this.table = table;
    this.rowDeletes = new RowDeletes(ops, table);
  }

  @Override
  protected RewriteFiles self() {
    return this;
  }

  @Override
  protected String operation() {
    return OPERATION;
  }

  @Override
  public RewriteFiles targetFileSizeBytes(long bytes) {
    ValidationException.check(bytes > 0, "Table %s: the target file size must be positive, got %s", ops.id(),
        bytes);
    this.targetBytes = bytes;
    return this;
  }

  @Override
  protected FileChanges changes(TableState read, boolean dryRun) {
    ValidationException.check(parentOf(read).isPresent(), "Table %s has no data files yet; there is nothing to"
        + " compact", ops.id());
    long target = targetBytes != null ? targetBytes
        : TableProperties.targetFileSizeBytes(read.metadata().properties(), ops.catalogProperties());
    SnapshotState state = target(read);
    Schema schema = state.context().schema();
    List<DataFile> removed = new ArrayList<>();
    List<DataFile> added = new ArrayList<>();
    // files of one partition (and spec) are compacted together, so each new file stays in one partition
    Map<List<Object>, List<DataFile>> partitions = new java.util.LinkedHashMap<>();
    for (DataFile f : ops.log().liveFiles(state.context(), state.fileSet(), part -> true)) {
      partitions.computeIfAbsent(List.of(f.specId(), f.partition()), k -> new ArrayList<>()).add(f);
    }
    boolean sorted = table.sortOptions().sorts();
    for (List<DataFile> files : partitions.values()) {
      List<List<DataFile>> bins = bins(files, target);
      if (sorted && bins.size() > 1) {
        // a sorted table's candidates of one partition go through one sorted run, cut at the target size: the
        // new files then cover disjoint ranges of the sort columns instead of each covering all of them
        bins = List.of(bins.stream().flatMap(List::stream).toList());
      }
      for (List<DataFile> bin : bins) {
        removed.addAll(bin);
        if (dryRun) {
          added.add(planned(bin));
        } else {
          added.addAll(rewrite(bin, schema, state.context().specById(bin.get(0).specId()), target));
        }
      }
    }
    FileChanges changes = new FileChanges(removed, added);
    if (!dryRun) {
      planned = changes;
    }
    return changes;
  }

  /** The bins worth rewriting, in table order. */
  static List<List<DataFile>> bins(Iterable<DataFile> live, long target) {
    long small = target / 4 * 3;
    List<List<DataFile>> out = new ArrayList<>();
    List<DataFile> bin = new ArrayList<>();
    long binBytes = 0;
    for (DataFile f : live) {
      boolean deletes = f.deletionVector().isPresent();
      if (!deletes && f.fileSizeBytes() >= small) {
        continue;
      }
      long bytes = liveBytes(f);
      if (!bin.isEmpty() && binBytes + bytes > target) {
        keepIfWorthIt(bin, out);
        bin = new ArrayList<>();
        binBytes = 0;
      }
      bin.add(f);
      binBytes += bytes;
    }
    keepIfWorthIt(bin, out);
    return out;
  }

  private static void keepIfWorthIt(List<DataFile> bin, List<List<DataFile>> out) {
    if (bin.size() > 1 || bin.size() == 1 && bin.get(0).deletionVector().isPresent()) {
      out.add(bin);
    }
  }

  private static long liveBytes(DataFile f) {
    return f.recordCount() == 0 ? f.fileSizeBytes()
        : (long) ((double) f.fileSizeBytes() * f.liveRecordCount() / f.recordCount());
  }

  /** What a dry run reports for a bin: its live rows, its live bytes, nothing written. */
  private static DataFile planned(List<DataFile> bin) {
    return new DataFile(RowDeletes.NOT_WRITTEN, DataFile.PARQUET,
        bin.stream().mapToLong(DataFile::liveRecordCount).sum(),
        bin.stream().mapToLong(RewriteOperation::liveBytes).sum(), Map.of());
  }

  /**
   * Writes the live rows of {@code bin}, file after file, into one new data file; for a sorted table, sorted
   * and cut into files of about {@code target} bytes (and runs of at most the sort buffer).
   */
  private List<DataFile> rewrite(List<DataFile> bin, Schema schema, PartitionSpec spec, long target) {
    Map<String, Long> firstOrdinals = new HashMap<>();
    Map<String, RoaringBitmap> deletedAtRead = new HashMap<>();
    SortOptions sort = table.sortOptions().withTrackOrdinals(true).withMaxFileRows(rowsPerFile(bin, target));
    try (TableDataWriter writer = table.newDataWriter(spec, sort)) {
      for (DataFile f : bin) {
        RoaringBitmap deleted = ops.deletionVector(f);
        deletedAtRead.put(f.location(), deleted);
        firstOrdinals.put(f.location(), writer.recordCount());
        for (Record r : ParquetFormat.read(ops.storage().objects().newInputFile(f.location(), f.fileSizeBytes()),
            schema, schema, Expressions.alwaysTrue(), DeletionVectors.inOrder(deleted), new ReadMetrics())) {
          writer.write(r);
        }
      }
      List<DataFile> out = writer.completeFiles();
      out.forEach(f -> ownObject(f.location()));
      RowPlacement placement = writer.placement();
      firstOrdinals.forEach((loc, first) -> origins.put(loc, new Origin(deletedAtRead.get(loc), placement, first)));
      return out;
    }
  }

  /** How many rows of {@code bin}'s make about {@code target} bytes, judged by the bytes a row takes there. */
  private static int rowsPerFile(List<DataFile> bin, long target) {
    long rows = bin.stream().mapToLong(DataFile::recordCount).sum();
    long bytes = bin.stream().mapToLong(DataFile::fileSizeBytes).sum();
    if (rows == 0 || bytes == 0) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (double) target * rows / bytes));
  }

  @Override
  protected ConflictValidator validator(TableState read, FileChanges changes, IsolationLevel level) {
    return new DeleteConflicts(ops, branch(), read.version(), changes, Set.of(), Expressions.alwaysFalse(),
        IsolationLevel.SNAPSHOT);
  }

  /**
   * The change restated on {@code base}: every replaced file that a concurrent delete gave more deleted rows
   * has them carried over into a deletion vector of the new file its rows went to (a new file left with no row
   * is dropped). Works from the change as first planned, so each retry carries everything deleted since.
   */
  @Override
  protected FileChanges rebase(FileChanges changes, TableState base) {
    Map<String, DataFile> live = rowDeletes.liveFiles(target(base));
    Map<String, RoaringBitmap> carried = new LinkedHashMap<>();
    List<DataFile> removed = new ArrayList<>();
    for (DataFile before : planned.removed()) {
      DataFile now = live.get(before.location());
      if (now == null) {
        throw new CommitConflictException("Table " + ops.id() + ": data file " + before.location() + " was removed"
            + " by a commit after this compaction read the table; nothing was committed. Run it again",
            ops.id().toString(), base.version(), base.version(), before.location());
      }
      removed.add(now);
      if (now.equals(before)) {
        continue;
      }
      Origin o = origins.get(before.location());
      RoaringBitmap newly = RoaringBitmap.andNot(ops.deletionVector(now),
          o.deletedAtRead());
      newly.forEach((int p) -> {
        long ordinal = o.ordinal(p);
        carried.computeIfAbsent(o.placement().location(ordinal), k -> new RoaringBitmap())
            .add(o.placement().position(ordinal));
      });
    }
    if (carried.isEmpty()) {
      return planned;
    }
    List<DataFile> added = new ArrayList<>();
    Map<String, DataFile> restated = new LinkedHashMap<>();
    Map<String, RoaringBitmap> vectors = new LinkedHashMap<>();
    for (DataFile f : planned.added()) {
      RoaringBitmap deleted = carried.get(f.location());
      if (deleted == null) {
        added.add(f);
      } else if (deleted.getLongCardinality() < f.recordCount()) {
        restated.put(f.location(), f);
        vectors.put(f.location(), deleted);
      } // else every row of the new file was deleted meanwhile: it is not added
    }
    added.addAll(rowDeletes.withVectors(restated, vectors, false, this::ownObject));
    return new FileChanges(removed, added);
  }
}
