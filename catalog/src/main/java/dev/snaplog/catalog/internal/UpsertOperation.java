package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Upsert;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Deletes the rows whose key a new row has and adds the new rows, in one commit; see {@link Upsert}. The batch
 * is checked (key present, unique, not null) before anything is written, and its records are written once,
 * on the first commit attempt; files whose stats rule out every key of the batch are not read.
 */
final class UpsertOperation extends RowChangingUpdate<Upsert> implements Upsert {
  private final BaseTable table;
  private List<String> keyColumns = List.of();
  private final List<Record> records = new ArrayList<>();
  private final List<DataFile> files = new ArrayList<>();
  private UpsertKeys keys;
  private List<DataFile> written;

  UpsertOperation(TableOperations ops, BaseTable table) {
    super(ops, table);
    this.table = table;
  }

  @Override
  protected Upsert self() {
    return this;
  }

  @Override
  protected String operation() {
    return "upsert";
  }

  @Override
  public Upsert key(List<String> columns) {
    keyColumns = UpsertKeys.checkColumns(ops.id(), ops.current().metadata().schema(), columns);
    keys = null;
    return this;
  }

  @Override
  public Upsert addRecords(Iterable<? extends Record> rows) {
    rows.forEach(records::add);
    keys = null;
    return this;
  }

  @Override
  public Upsert addFile(DataFile file) {
    DataFiles.checkAddable(ops, file);
    files.add(file);
    keys = null;
    return this;
  }

  @Override
  protected boolean deletesRows() {
    return false; // an upsert into a table with no rows yet only adds
  }

  @Override
  protected FileChanges changes(TableState read, boolean dryRun) {
    UpsertKeys batch = keys(read.metadata().schema());
    // the new rows do not depend on which old rows their keys delete: on the first attempt they are written on
    // another thread while the candidate files' keys are read
    CompletableFuture<List<DataFile>> writing = dryRun || written != null || records.isEmpty() || batch.isEmpty()
        ? null : CompletableFuture.supplyAsync(() -> DataFiles.write(table, records), BackgroundWrites.POOL);
    FileChanges deletes;
    try {
      deletes = batch.isEmpty() ? FileChanges.adding(List.of()) : super.changes(read, dryRun);
    } catch (RuntimeException | Error e) {
      if (writing != null) {
        removeWritten(writing, e);
      }
      throw e;
    }
    List<DataFile> added = new ArrayList<>(deletes.added());
    added.addAll(files);
    if (!records.isEmpty()) {
      if (dryRun) {
        added.add(new DataFile(RowDeletes.NOT_WRITTEN, DataFile.PARQUET, records.size(), 0, Map.of()));
      } else {
        added.addAll(writtenRecords(writing));
      }
    }
    return new FileChanges(deletes.removed(), added);
  }

  /**
   * The keys could not be looked up, so this attempt fails before anything names the records' files: waits for
   * them and deletes them, leaving nothing behind.
   */
  private void removeWritten(CompletableFuture<List<DataFile>> writing, Throwable failure) {
    try {
      ops.storage().objects().deleteAll(writing.join().stream().map(DataFile::location).toList());
    } catch (RuntimeException | Error alsoFailed) {
      failure.addSuppressed(alsoFailed);
    }
  }

  @Override
  protected FileChanges rowDeletes(SnapshotState target, boolean copyOnWrite, boolean dryRun,
      Set<String> rewritten) {
    return rowDeletes.deleteKeys(target, keys, copyOnWrite, dryRun, this::ownObject, rewritten);
  }

  @Override
  protected Expression conflictFilter(Schema schema) {
    return keys.isEmpty() ? Expressions.alwaysFalse() : Expressions.bind(keys.pruneFilter(schema), schema);
  }

  /** The batch's keys, checked once: every new row (records and files) has a key, and no key twice. */
  private UpsertKeys keys(Schema schema) {
    if (keys != null) {
      return keys;
    }
    ValidationException.check(!keyColumns.isEmpty(), "Upsert into table %s needs a key: call key(\"id\") with the"
        + " columns rows are matched on. Nothing was committed", ops.id());
    ValidationException.check(!records.isEmpty() || !files.isEmpty(), "Upsert into table %s has no rows; add"
        + " records or files. Nothing was committed", ops.id());
    UpsertKeys batch = UpsertKeys.on(schema, keyColumns);
    for (Record r : records) {
      batch.add(ops.id(), r);
    }
    Schema keySchema = schema.select(keyColumns);
    for (DataFile f : files) {
      for (Record r : ParquetFormat.read(ops.storage().objects().newInputFile(f.location()), schema, keySchema,
          Expressions.alwaysTrue())) {
        batch.add(ops.id(), r);
      }
    }
    batch.checkUnique(ops.id());
    keys = batch;
    return batch;
  }

  /**
   * The files of the batch's records, written once and kept as this operation's own: by {@code writing} when it
   * wrote them on another thread (null: written here), by an earlier attempt when there was one.
   */
  private List<DataFile> writtenRecords(CompletableFuture<List<DataFile>> writing) {
    if (written == null) {
      written = writing == null ? DataFiles.write(table, records) : joined(writing);
      written.forEach(f -> ownObject(f.location()));
    }
    return written;
  }

  private static List<DataFile> joined(CompletableFuture<List<DataFile>> writing) {
    try {
      return writing.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
