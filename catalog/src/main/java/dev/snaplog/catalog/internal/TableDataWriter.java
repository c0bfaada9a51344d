package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.PartitionedWriter;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * The data writer a table hands out: rows of the current schema, routed by the current partition spec. An
 * unpartitioned table gets one file in {@code data/}; a partitioned one a file per partition under
 * {@code data/<partition path>/} through {@link PartitionedWriter}, with a bound on open files. Every file
 * carries the spec's id, so it is read and pruned under the spec it was written for after the spec changes.
 */
final class TableDataWriter implements DataWriter {
  private final String table;
  private final PartitionSpec spec;
  private final DataWriter single; // unpartitioned
  private final PartitionedWriter partitioned;
  private long written;
  private List<DataFile> completed;

  TableDataWriter(TableOperations ops, Schema schema, PartitionSpec spec, int maxOpenFiles) {
    this.table = ops.id().toString();
    this.spec = spec;
    if (spec.isUnpartitioned()) {
      this.single = ParquetFormat.newWriter(ops.storage().objects().newOutputFile(ops.locations().newDataFile()),
          schema, table);
      this.partitioned = null;
    } else {
      this.single = null;
      this.partitioned = new PartitionedWriter(schema, spec,
          path -> ops.storage().objects().newOutputFile(ops.locations().newDataFile(path)), table,
          WriteOptions.defaults(), maxOpenFiles);
    }
  }

  @Override
  public void write(Record record) {
    if (single != null) {
      single.write(record);
    } else {
      partitioned.write(record);
    }
    written++;
  }

  @Override
  public long recordCount() {
    return written;
  }

  @Override
  public DataFile complete() {
    if (single != null) {
      return single.complete().withPartition(spec.specId(), Map.of());
    }
    List<DataFile> files = completeFiles();
    if (files.size() != 1) {
      throw new ValidationException("Table " + table + " is partitioned by " + spec + " and these rows went to "
          + files.size() + " files, one per partition; take them all with DataWriter.completeFiles()");
    }
    return files.get(0);
  }

  @Override
  public List<DataFile> completeFiles() {
    if (single != null) {
      return written == 0 ? List.of() : List.of(complete());
    }
    if (completed == null) {
      completed = partitioned.complete();
    }
    return completed;
  }

  @Override
  public void close() {
    if (single != null) {
      single.close();
    } else {
      partitioned.close();
    }
  }
}
