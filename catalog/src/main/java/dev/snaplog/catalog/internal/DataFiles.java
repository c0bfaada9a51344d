package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.PartitionSpec;
import java.util.List;

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
    checkPartition(ops, file);
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

  /**
   * Refuses a file whose spec the table does not have or whose partition values do not match its spec's
   * fields: planning would prune it by values it does not hold.
   */
  private static void checkPartition(TableOperations ops, DataFile file) {
    var m = ops.current().metadata();
    PartitionSpec spec = m.partitionSpecs().stream().filter(s -> s.specId() == file.specId()).findFirst()
        .orElseThrow(() -> new ValidationException("Table " + ops.id() + ": data file " + file.location()
            + " names partition spec " + file.specId() + ", which the table does not have; its specs are "
            + m.partitionSpecs().stream().map(PartitionSpec::specId).toList(), ops.id().toString(), m.version()));
    java.util.Set<Integer> expected = new java.util.HashSet<>();
    spec.fields().forEach(f -> expected.add(f.fieldId()));
    ValidationException.check(file.partition().keySet().equals(expected), "Table %s: data file %s has partition"
        + " values for fields %s but its spec %d (%s) has fields %s; write it with Table.newDataWriter(), which"
        + " routes rows to one file per partition", ops.id(), file.location(), file.partition().keySet(),
        spec.specId(), spec, expected);
  }

  /**
   * Writes {@code records} into new data files of the table, one per partition of its current spec; empty when
   * there were none.
   */
  static List<DataFile> write(BaseTable table, Iterable<? extends Record> records) {
    try (DataWriter writer = table.newDataWriter()) {
      for (Record r : records) {
        writer.write(r);
      }
      return writer.completeFiles();
    }
  }

  /**
   * Writes the rows of one partition again (a copy-on-write delete) into data files of the spec the originals
   * were written for, so the copy lands in the same partition however the table's spec changed since: one
   * file, or one per full sort buffer of a sorted table.
   */
  static List<DataFile> rewrite(BaseTable table, PartitionSpec spec, Iterable<? extends Record> records) {
    try (DataWriter writer = table.newDataWriter(spec)) {
      for (Record r : records) {
        writer.write(r);
      }
      return writer.completeFiles();
    }
  }
}
