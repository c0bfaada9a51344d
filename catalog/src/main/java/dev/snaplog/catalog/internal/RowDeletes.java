package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.Field;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.BulkColumnReader;
import dev.snaplog.core.data.ColumnarFileReader;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.TypeId;
import dev.snaplog.manifest.DeletionVectors;
import dev.snaplog.manifest.ParallelReads;
import dev.snaplog.manifest.ScanPlanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.ParquetDecodingException;
import org.roaringbitmap.RoaringBitmap;

/**
 * Works out which rows of a file set a filter deletes, and states it as file changes: a file whose stats show
 * every row matches is removed without being read; a file with some matching rows is read once and either
 * restated with a deletion vector (merge-on-read) or written again without those rows (copy-on-write).
 */
final class RowDeletes {
  /** The location dry runs give objects they did not write. */
  static final String NOT_WRITTEN = "(not written)";

  private final TableOperations ops;
  private final BaseTable table;

  RowDeletes(TableOperations ops, BaseTable table) {
    this.ops = ops;
    this.table = table;
  }

  /** The table's current schema: rows are read and written again with it, filters may name its columns. */
  private static Schema schema(SnapshotState target) {
    return target.context().schema();
  }

  /**
   * The changes that delete the rows of {@code target} matching {@code filter}. In merge-on-read only the
   * columns the filter names are read.
   *
   * @param ownObject told of every object written (never with {@code dryRun})
   * @param rewritten collects the locations of files written again (copy-on-write)
   */
  FileChanges delete(SnapshotState target, Expression filter, boolean copyOnWrite, boolean dryRun,
      Consumer<String> ownObject, Set<String> rewritten) {
    Schema schema = schema(target);
    Expression bound = Expressions.bind(filter, schema);
    Expression someRowMayNotMatch = someRowMayNotMatch(filter, schema);
    Deletes out = new Deletes(copyOnWrite);
    List<DataFile> toRead = new ArrayList<>();
    for (FileScanTask task : ScanPlanner.plan(ops.log(), target.context(), target.fileSet(), bound)) {
      DataFile f = task.file();
      if (Evaluators.mightMatch(someRowMayNotMatch, f.recordCount(), f.columnStats())) {
        toRead.add(f);
      } else {
        out.removed.add(f);
      }
    }
    List<String> filterColumns = Expressions.referencedColumns(filter);
    Schema projection = copyOnWrite || filterColumns.isEmpty() ? schema : schema.select(filterColumns);
    out.readAndDelete(toRead, schema, projection, (p, r) -> Evaluators.matches(bound, r));
    return out.finish(dryRun, ownObject, rewritten);
  }

  /**
   * The changes that delete the rows of {@code target} whose key is one of {@code keys}. Files are chosen by the
   * keys' pruning filter (their stats must allow it) and every candidate is read: in merge-on-read only the key
   * columns, a one-column key without building rows.
   */
  FileChanges deleteKeys(SnapshotState target, UpsertKeys keys, boolean copyOnWrite, boolean dryRun,
      Consumer<String> ownObject, Set<String> rewritten) {
    Schema schema = schema(target);
    Deletes out = new Deletes(copyOnWrite);
    Expression bound = Expressions.bind(keys.pruneFilter(schema), schema);
    List<DataFile> toRead = new ArrayList<>();
    for (FileScanTask task : ScanPlanner.plan(ops.log(), target.context(), target.fileSet(), bound)) {
      toRead.add(task.file());
    }
    Optional<Field> topLevelKey = Optional.empty();
    if (keys.columns().size() == 1) {
      int keyId = schema.field(keys.columns().get(0)).id();
      topLevelKey = schema.fields().stream().filter(f -> f.id() == keyId).findFirst();
    }
    if (!copyOnWrite && topLevelKey.isPresent()) {
      out.readKeyAndDelete(toRead, schema, topLevelKey.get(), keys);
    } else {
      Schema projection = copyOnWrite ? schema : schema.select(keys.columns());
      out.readAndDelete(toRead, schema, projection, (p, r) -> keys.matches(r));
    }
    return out.finish(dryRun, ownObject, rewritten);
  }

  /**
   * The changes that delete rows by position: {@code positions} by data file location. In merge-on-read no
   * data file is read.
   *
   * @throws ValidationException if a file is not live in {@code target} or a position is past its row count
   */
  FileChanges deletePositions(SnapshotState target, Map<String, RoaringBitmap> positions, boolean copyOnWrite,
      boolean dryRun, Consumer<String> ownObject, Set<String> rewritten) {
    Map<String, DataFile> live = liveFiles(target);
    Schema schema = schema(target);
    Deletes out = new Deletes(copyOnWrite);
    for (Map.Entry<String, RoaringBitmap> e : positions.entrySet()) {
      DataFile f = live.get(e.getKey());
      ValidationException.check(f != null, "Table %s has no live data file %s; nothing was committed", ops.id(),
          e.getKey());
      RoaringBitmap wanted = e.getValue();
      ValidationException.check(wanted.isEmpty() || Integer.toUnsignedLong(wanted.last()) < f.recordCount(),
          "Table %s: position %s is past the last row of data file %s, which has %s rows (positions start at"
              + " 0); nothing was committed", ops.id(), wanted.isEmpty() ? 0 : Integer.toUnsignedLong(wanted.last()),
          f.location(), f.recordCount());
      if (copyOnWrite) {
        out.readAndDelete(List.of(f), schema, schema, (p, r) -> wanted.contains(p));
      } else {
        RoaringBitmap existing = ops.deletionVector(f);
        out.record(f, existing, RoaringBitmap.andNot(wanted, existing), List.of());
      }
    }
    return out.finish(dryRun, ownObject, rewritten);
  }

  /** The live files of {@code target} by location. */
  Map<String, DataFile> liveFiles(SnapshotState target) {
    Map<String, DataFile> live = new HashMap<>();
    for (DataFile f : ops.log().liveFiles(target.context(), target.fileSet(), part -> true)) {
      live.put(f.location(), f);
    }
    return live;
  }

  /** A row of a data file, by its position, that a delete selects. */
  @FunctionalInterface
  private interface RowSelector {
    boolean selects(int position, Record row);
  }

  /** What reading one file for a delete found: its rows already deleted, those it deletes, those a copy keeps. */
  private record FileRead(DataFile file, RoaringBitmap existing, RoaringBitmap matching, List<Record> kept) {}

  /** The files one delete removes, restates with a vector, or writes again, collected file by file. */
  private final class Deletes {
    private final boolean copyOnWrite;
    private final List<DataFile> removed = new ArrayList<>();
    private final Map<DataFile, List<Record>> copies = new LinkedHashMap<>();
    private final Map<String, RoaringBitmap> vectors = new LinkedHashMap<>();
    private final Map<String, DataFile> restated = new LinkedHashMap<>();

    Deletes(boolean copyOnWrite) {
      this.copyOnWrite = copyOnWrite;
    }

    /**
     * Reads each of {@code files} once ({@code projection}: the columns the selector needs, or every column
     * for a copy), skipping rows already deleted, and deletes the rows {@code selector} selects. The files are
     * read side by side; what they yield is recorded in their order.
     */
    void readAndDelete(List<DataFile> files, Schema schema, Schema projection, RowSelector selector) {
      recordAll(ParallelReads.map(files, f -> read(f, schema, projection, selector)));
    }

    /**
     * Reads the one column {@code key} of each of {@code files} (side by side), skipping rows already deleted,
     * and deletes the rows whose value {@code matches} (a null never does). Integer keys are decoded a page at a
     * time into primitive arrays ({@link BulkColumnReader}) and tested there, without a value or a decoder call
     * per row; other keys are read value by value.
     */
    void readKeyAndDelete(List<DataFile> files, Schema schema, Field key, UpsertKeys matches) {
      Schema projection = schema.select(List.of(key.name()));
      recordAll(ParallelReads.map(files, f -> readKey(f, schema, projection, matches)));
    }

    private FileRead readKey(DataFile f, Schema schema, Schema projection, UpsertKeys matches) {
      RoaringBitmap existing = ops.deletionVector(f);
      RoaringBitmap matching = new RoaringBitmap();
      try (ColumnarFileReader file = ParquetFormat.readColumns(ops.storage().objects().newInputFile(f.location()),
          schema, projection, Expressions.alwaysTrue(), new ReadMetrics())) {
        ColumnarFileReader.Column column = file.columns().get(0);
        while (file.nextRowGroup()) {
          int first = Math.toIntExact(file.rowGroupStart());
          int rows = Math.toIntExact(file.rowGroupRows());
          if (!column.inFile()) { // added after the file was written: every row has the column's default
            if (matches.matchesValue(column.defaultValue())) {
              matching.add((long) first, (long) first + rows);
            }
            continue;
          }
          LongPredicate integral = matches.integralMatcher();
          TypeId read = column.field().type().id();
          try {
            if (integral != null && BulkColumnReader.supports(column)
                && (read == TypeId.INT || read == TypeId.LONG)) {
              matchIntegral(file.bulkReader(0), first, integral, matching);
            } else {
              matchValues(column, file.reader(0), first, rows, existing, matches, matching);
            }
          } catch (ParquetDecodingException e) {
            throw file.corrupt(e);
          }
        }
      }
      matching.andNot(existing);
      return new FileRead(f, existing, matching, List.of());
    }

    /**
     * Adds the rows from {@code first} on whose integer key {@code integral} matches, testing the values a page
     * at a time as the arrays the file decodes into. Rows already deleted are matched too: the caller takes them
     * out of the result at once, cheaper than a test per row.
     */
    private void matchIntegral(BulkColumnReader values, int first, LongPredicate integral, RoaringBitmap matching) {
      int p = first;
      boolean ints = values.kind() == BulkColumnReader.Kind.INT;
      int[] found = new int[0];
      while (values.nextPage()) {
        int n = values.rows();
        int[] asInts = values.ints();
        long[] asLongs = values.longs();
        int count = 0;
        for (int i = 0; i < n; i++) {
          if (integral.test(ints ? asInts[i] : asLongs[i]) && !values.isNull(i)) {
            if (count == found.length) {
              found = Arrays.copyOf(found, Math.max(16, Math.min(n, 2 * count)));
            }
            found[count++] = p + i;
          }
        }
        matching.addN(found, 0, count); // ascending positions: added container by container
        p += n;
      }
    }

    /** Adds the rows from {@code first} whose key value {@code matches}, building each value. */
    private void matchValues(ColumnarFileReader.Column column, ColumnReader values, int first, int rows,
        RoaringBitmap existing, UpsertKeys matches, RoaringBitmap matching) {
      int present = values.getDescriptor().getMaxDefinitionLevel();
      for (int p = first; p < first + rows; p++) {
        if (values.getCurrentDefinitionLevel() == present) {
          if (existing.contains(p)) {
            values.skip();
          } else if (matches.matchesValue(ColumnarFileReader.value(column, values))) {
            matching.add(p);
          }
        }
        values.consume();
      }
    }

    private FileRead read(DataFile f, Schema schema, Schema projection, RowSelector selector) {
      RoaringBitmap existing = ops.deletionVector(f);
      RoaringBitmap matching = new RoaringBitmap();
      List<Record> kept = new ArrayList<>();
      int position = 0;
      for (Record r : ParquetFormat.read(ops.storage().objects().newInputFile(f.location()), schema, projection,
          Expressions.alwaysTrue())) {
        int p = position++;
        if (existing.contains(p)) {
          continue;
        }
        if (selector.selects(p, r)) {
          matching.add(p);
        } else if (copyOnWrite) {
          kept.add(r);
        }
      }
      return new FileRead(f, existing, matching, kept);
    }

    /** Records what reading each file found, in the files' order. */
    private void recordAll(List<FileRead> reads) {
      for (FileRead read : reads) {
        record(read.file(), read.existing(), read.matching(), read.kept());
      }
    }

    /** Deletes {@code matching} (disjoint from {@code existing}) from {@code f}; {@code kept} for a copy. */
    void record(DataFile f, RoaringBitmap existing, RoaringBitmap matching, List<Record> kept) {
      if (matching.isEmpty()) {
        return;
      }
      removed.add(f);
      if (existing.getLongCardinality() + matching.getLongCardinality() == f.recordCount()) {
        return; // every row is gone: the file leaves the table
      }
      if (copyOnWrite) {
        copies.put(f, kept);
      } else {
        matching.or(existing);
        vectors.put(f.location(), matching);
        restated.put(f.location(), f);
      }
    }

    FileChanges finish(boolean dryRun, Consumer<String> ownObject, Set<String> rewritten) {
      List<DataFile> added = new ArrayList<>();
      copies.forEach((original, kept) -> added.addAll(dryRun
          ? List.of(new DataFile(NOT_WRITTEN, DataFile.PARQUET, kept.size(), 0, Map.of()))
          : writeCopy(original, kept, ownObject, rewritten)));
      added.addAll(withVectors(restated, vectors, dryRun, ownObject));
      return new FileChanges(removed, added);
    }
  }

  private List<DataFile> writeCopy(DataFile original, List<Record> kept, Consumer<String> ownObject,
      Set<String> rewritten) {
    List<DataFile> copies = DataFiles.rewrite(table, ops.current().metadata().specById(original.specId()), kept);
    for (DataFile copy : copies) {
      ownObject.accept(copy.location());
      rewritten.add(copy.location());
    }
    return copies;
  }

  /** The files restated with their new vectors, written together into one object. */
  List<DataFile> withVectors(Map<String, DataFile> files, Map<String, RoaringBitmap> vectors,
      boolean dryRun, Consumer<String> ownObject) {
    if (vectors.isEmpty()) {
      return List.of();
    }
    Map<String, DeletionVectorRef> refs = new HashMap<>();
    if (dryRun) {
      vectors.forEach((loc, v) -> refs.put(loc, new DeletionVectorRef(NOT_WRITTEN, 5, 1, v.getLongCardinality())));
    } else {
      String location = ops.locations().newDeletionVectors();
      refs.putAll(DeletionVectors.write(ops.storage().objects(), location, vectors));
      ownObject.accept(location);
    }
    List<DataFile> out = new ArrayList<>();
    files.forEach((loc, f) -> out.add(f.withDeletionVector(Optional.of(refs.get(loc)))));
    return out;
  }

  /**
   * A filter that no row of a file can pass when every row matches {@code filter}: its negation, or a null in
   * any column it reads (a null makes the filter unknown, which deletes nothing). Where the stats rule this
   * out, the whole file matches and is dropped without being read.
   */
  private static Expression someRowMayNotMatch(Expression filter, Schema schema) {
    Expression e = Expressions.not(filter);
    for (String column : Expressions.referencedColumns(filter)) {
      e = Expressions.or(e, Expressions.isNull(column));
    }
    return Expressions.bind(e, schema);
  }

  /**
   * {@code changes} restated on top of {@code target}, a newer file set: a file this change restates or
   * removes that a concurrent delete gave a new deletion vector is taken as it now is, and this change's vector
   * for it is merged with the concurrent one. Returns {@code changes} itself when nothing moved.
   *
   * @throws CommitConflictException if a file this change touches is no longer live
   */
  FileChanges rebase(FileChanges changes, SnapshotState target, long readVersion, Consumer<String> ownObject) {
    Map<String, DataFile> live = liveFiles(target);
    Map<String, DataFile> ours = new LinkedHashMap<>();
    changes.added().forEach(f -> ours.put(f.location(), f));
    List<DataFile> removed = new ArrayList<>();
    Map<String, DataFile> restated = new LinkedHashMap<>();
    Map<String, RoaringBitmap> vectors = new LinkedHashMap<>();
    boolean moved = false;
    for (DataFile before : changes.removed()) {
      DataFile now = live.get(before.location());
      if (now == null) {
        throw new CommitConflictException("Table " + ops.id() + ": data file " + before.location() + " was removed"
            + " by a commit after version " + readVersion + ", which this change read; nothing was committed. Run"
            + " it again", ops.id().toString(), readVersion, target.context().version(), before.location());
      }
      removed.add(now);
      if (now.equals(before)) {
        continue;
      }
      moved = true;
      DataFile mine = ours.get(before.location());
      if (mine != null) {
        RoaringBitmap merged = ops.deletionVector(mine);
        merged.or(ops.deletionVector(now));
        ours.remove(before.location());
        if (merged.getLongCardinality() < now.recordCount()) {
          vectors.put(now.location(), merged);
          restated.put(now.location(), now);
        }
      }
    }
    if (!moved) {
      return changes;
    }
    List<DataFile> added = new ArrayList<>(ours.values());
    added.addAll(withVectors(restated, vectors, false, ownObject));
    return new FileChanges(removed, added);
  }

}
