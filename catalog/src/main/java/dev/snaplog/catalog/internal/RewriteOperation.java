package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.RewriteFiles;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.manifest.DeletionVectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * Compaction; see {@link RewriteFiles}. Candidates (small files and files with deleted rows) are packed in
 * table order into bins of at most the target size, judged by each file's live share of its bytes; every bin
 * of two or more files, or holding a file with deleted rows, is written as one new file of its live rows.
 * The change is one commit that removes the old files and adds the new ones.
 *
 * <p>Conflicts: the new files hold the rows of the old ones as this rewrite read them, so any concurrent
 * commit that removed or restated one of them (a delete, an overwrite, another compaction) makes it conflict;
 * appends do not touch them and are kept.
 */
final class RewriteOperation extends BaseSnapshotUpdate<RewriteFiles> implements RewriteFiles {
  private final BaseTable table;
  private Long targetBytes;

  RewriteOperation(TableOperations ops, BaseTable table) {
    super(ops);
    this.table = table;
  }

  @Override
  protected RewriteFiles self() {
    return this;
  }

  @Override
  protected String operation() {
    return "rewrite";
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
    Schema schema = state.context().schemaById(state.snapshot().schemaId());
    List<DataFile> removed = new ArrayList<>();
    List<DataFile> added = new ArrayList<>();
    for (List<DataFile> bin : bins(ops.log().liveFiles(state.context(), state.fileSet(), part -> true), target)) {
      removed.addAll(bin);
      added.add(dryRun ? planned(bin) : rewrite(bin, schema));
    }
    return new FileChanges(removed, added);
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

  /** Writes the live rows of {@code bin}, file after file, into one new data file. */
  private DataFile rewrite(List<DataFile> bin, Schema schema) {
    try (DataWriter writer = table.newDataWriter()) {
      for (DataFile f : bin) {
        RoaringBitmap deleted = DeletionVectors.read(ops.storage().objects(), f);
        for (Record r : ParquetFormat.read(ops.storage().objects().newInputFile(f.location(), f.fileSizeBytes()),
            schema, schema, Expressions.alwaysTrue(), p -> deleted.contains((int) p), new ReadMetrics())) {
          writer.write(r);
        }
      }
      DataFile out = writer.complete();
      ownObject(out.location());
      return out;
    }
  }

  @Override
  protected ConflictValidator validator(TableState read, FileChanges changes, IsolationLevel level) {
    Set<String> replaced = new HashSet<>(changes.removedLocations());
    return new DeleteConflicts(ops, branch(), read.version(), changes, replaced, Expressions.alwaysFalse(),
        IsolationLevel.SNAPSHOT);
  }
}
