package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.OverwriteFiles;
import dev.snaplog.core.Record;
import dev.snaplog.core.expressions.Expression;

/** Deletes rows and files and adds files in one commit; see {@link OverwriteFiles}. */
final class OverwriteOperation extends RowChangingUpdate<OverwriteFiles> implements OverwriteFiles {
  OverwriteOperation(TableOperations ops, BaseTable table) {
    super(ops, table);
  }

  @Override
  protected OverwriteFiles self() {
    return this;
  }

  @Override
  protected String operation() {
    return "overwrite";
  }

  @Override
  public OverwriteFiles overwriteByFilter(Expression filter) {
    deleteRowsWhere(filter);
    return this;
  }

  @Override
  public OverwriteFiles addFile(DataFile file) {
    addDataFile(file);
    return this;
  }

  @Override
  public OverwriteFiles addRecords(Iterable<? extends Record> records) {
    writeRecords(records);
    return this;
  }

  @Override
  public OverwriteFiles deleteFile(String location) {
    deleteWholeFile(location);
    return this;
  }
}
