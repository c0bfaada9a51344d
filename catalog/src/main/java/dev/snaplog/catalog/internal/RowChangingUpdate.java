package dev.snaplog.catalog.internal;

import dev.snaplog.catalog.TableProperties;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operation that deletes rows (by filter or whole files) and may add files, in one commit: the shared part
 * of delete and overwrite. The rows to delete are worked out once, from the version the operation reads; on a
 * lost race the change is checked with {@link DeleteConflicts} and restated on the newer version
 * ({@link RowDeletes#rebase}).
 */
abstract class RowChangingUpdate<ThisT> extends BaseSnapshotUpdate<ThisT> {
  private final BaseTable table;
  protected final RowDeletes rowDeletes;
  private Expression filter = Expressions.alwaysFalse();
  private final Set<String> deletedFiles = new LinkedHashSet<>();
  private final List<DataFile> addedFiles = new ArrayList<>();
  private final Set<String> rewritten = new HashSet<>();
  private long readVersion;

  RowChangingUpdate(TableOperations ops, BaseTable table) {
    super(ops);
    this.table = table;
    this.rowDeletes = new RowDeletes(ops, table);
  }

  protected void deleteRowsWhere(Expression more) {
    Expressions.bind(more, ops.current().metadata().schema()); // fail now, naming the column
    filter = Expressions.or(filter, more);
  }

  protected void deleteWholeFile(String location) {
    deletedFiles.add(location);
  }

  protected void addDataFile(DataFile file) {
    DataFiles.checkAddable(ops, file);
    addedFiles.add(file);
  }

  protected void writeRecords(Iterable<? extends Record> records) {
    for (DataFile written : DataFiles.write(table, records)) {
      addedFiles.add(written);
      ownObject(written.location());
    }
  }

  /** Whether this change deletes rows, which a table with no rows yet cannot have. */
  protected boolean deletesRows() {
    return !deletedFiles.isEmpty() || !(filter instanceof Expression.False);
  }

  /** The row deletes of this change on {@code target}: by default, the rows its filter matches. */
  protected FileChanges rowDeletes(SnapshotState target, boolean copyOnWrite, boolean dryRun,
      Set<String> rewritten) {
    return rowDeletes.delete(target, filter, copyOnWrite, dryRun, this::ownObject, rewritten);
  }

  /** The filter that concurrently added files are checked against under serializable isolation. */
  protected Expression conflictFilter(Schema schema) {
    return Expressions.bind(filter, schema);
  }

  @Override
  protected FileChanges changes(TableState read, boolean dryRun) {
    readVersion = read.version();
    if (parentOf(read).isEmpty()) {
      ValidationException.check(!deletesRows(), "Table %s has no rows yet; there is nothing to %s", ops.id(),
          operation());
      return FileChanges.adding(addedFiles);
    }
    SnapshotState target = target(read);
    boolean copyOnWrite = TableProperties.copyOnWrite(read.metadata().properties(), ops.catalogProperties());
    FileChanges deletes = rowDeletes(target, copyOnWrite, dryRun, rewritten);
    List<DataFile> removed = new ArrayList<>(deletes.removed());
    Set<String> removedLocations = new HashSet<>(deletes.removedLocations());
    if (!deletedFiles.isEmpty()) {
      Map<String, DataFile> live = rowDeletes.liveFiles(target);
      for (String location : deletedFiles) {
        DataFile f = live.get(location);
        ValidationException.check(f != null, "Table %s has no live data file %s; nothing was committed",
            ops.id(), location);
        if (removedLocations.add(location)) {
          removed.add(f);
        }
      }
    }
    List<DataFile> added = new ArrayList<>(deletes.added());
    added.removeIf(f -> deletedFiles.contains(f.location())); // a file removed whole needs no deletion vector
    added.addAll(addedFiles);
    return new FileChanges(removed, added);
  }

  @Override
  protected ConflictValidator validator(TableState read, FileChanges changes, IsolationLevel level) {
    return new DeleteConflicts(ops, branch(), read.version(), changes, rewritten, conflictFilter(read.metadata().schema()),
        level);
  }

  @Override
  protected FileChanges rebase(FileChanges changes, TableState base) {
    return rowDeletes.rebase(changes, target(base), readVersion, this::ownObject);
  }
}
