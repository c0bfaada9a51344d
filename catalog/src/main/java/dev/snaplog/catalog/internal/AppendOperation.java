package dev.snaplog.catalog.internal;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends data files. The log record is written once; each attempt only writes a new metadata file and swaps
 * the pointer, because an append is valid on top of any newer version.
 */
final class AppendOperation extends BaseSnapshotUpdate<AppendFiles> implements AppendFiles {
  private final BaseTable table;
  private final List<DataFile> files = new ArrayList<>();

  AppendOperation(TableOperations ops, BaseTable table) {
    super(ops);
    this.table = table;
  }

  @Override
  protected AppendFiles self() {
    return this;
  }

  @Override
  protected String operation() {
    return "append";
  }

  @Override
  public AppendFiles appendFile(DataFile file) {
    DataFiles.checkAddable(ops, file);
    files.add(file);
    return this;
  }

  @Override
  public AppendFiles appendRecords(Iterable<? extends Record> records) {
    for (DataFile written : DataFiles.write(table, records)) {
      files.add(written);
      ownObject(written.location());
    }
    return this;
  }

  @Override
  protected FileChanges changes(TableState read, boolean dryRun) {
    ValidationException.check(dryRun || !files.isEmpty(), "Table %s: nothing to append; add data files or"
        + " records first", ops.id());
    return FileChanges.adding(files);
  }
}
