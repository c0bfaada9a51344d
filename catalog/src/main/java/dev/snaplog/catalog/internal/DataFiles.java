package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.Optional;

/** The checks and writes every operation that adds data files shares. */
final class DataFiles {
  private DataFiles() {}

  /**
   * Refuses a file a table must not reference. A table's maintenance deletes only its own objects, so every
   * file it references must either be its own (in its {@code data/} folder) or lie outside the warehouse,
   * where nothing of Snaplog ever deletes it. A file inside the warehouse but not in this table's data folder
   * belongs to another table (whose expiry would delete it under this one) or is one of this table's log
   * objects: both are refused.
   */
  static void checkAddable(TableOperations ops, DataFile file) {
    ValidationException.check(DataFile.PARQUET.equals(file.format()), "Table %s: data file %s has format '%s';"
        + " only parquet is supported", ops.id(), file.location(), file.format());
    ValidationException.check(file.recordCount() >= 0 && file.fileSizeBytes() >= 0,
        "Table %s: data file %s has negative counts", ops.id(), file.location());
    String location = file.location();
    if (ops.locations().ownsDataFile(location)) {
      return;
    }
    String warehouse = ops.storage().objects().resolve(ops.storage().root(), "");
    boolean inWarehouse = location.startsWith(warehouse) || location.equals(ops.storage().root());
    ValidationException.check(!inWarehouse && !location.contains("/../") && !location.contains("/./"),
        "Table %s: data file %s lies in the warehouse but not in this table's data folder %s/data/; a table may"
            + " reference only its own data files or files outside the warehouse. Write it with this table's"
            + " data writer (Table.newDataWriter) or copy it into the table's data folder", ops.id(), location,
        ops.locations().root());
  }

  /** Writes {@code records} into one new data file of the table; empty when there were none. */
  static Optional<DataFile> write(BaseTable table, Iterable<? extends Record> records) {
    try (DataWriter writer = table.newDataWriter()) {
      for (Record r : records) {
        writer.write(r);
      }
      return writer.recordCount() > 0 ? Optional.of(writer.complete()) : Optional.empty();
    }
  }
}
