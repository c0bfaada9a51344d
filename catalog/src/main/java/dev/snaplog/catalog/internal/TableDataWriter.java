package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.PartitionedWriter;
import dev.snaplog.core.data.SortOptions;
import dev.snaplog.core.data.SortingWriter;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * The data writer a table hands out: rows of the current schema, routed by the current partition spec and
 * sorted by the current sort order. An unpartitioned table gets one file in {@code data/}; a partitioned one a
 * file per partition under {@code data/<partition path>/} through {@link PartitionedWriter}, with a bound on
 * open files. Every file carries the spec's id, so it is read and pruned under the spec it was written for
 * after the spec changes. An unsorted table's rows stream to their file as they come; a sorted table's are held
 * ({@link SortingWriter}, at most {@link SortOptions#bufferRows()} at once) and written sorted, a file per full buffer.
 */
final class TableDataWriter implements DataWriter {
  private final String table;
  private final PartitionSpec spec;
  private final DataWriter single; // unpartitioned: streaming, or a SortingWriter
  private final PartitionedWriter partitioned;
  private final boolean sorted;
  private long written;
  private List<DataFile> completed;

  TableDataWriter(TableOperations ops, Schema schema, PartitionSpec spec, int maxOpenFiles, SortOptions sort) {
    this.table = ops.id().toString();
    this.spec = spec;
    this.sorted = sort.sorts();
    if (spec.isUnpartitioned() && !sorted) {
      this.single = ParquetFormat.newWriter(ops.storage().objects().newOutputFile(ops.locations().newDataFile()),
          schema, table);
      this.partitioned = null;
    } else if (spec.isUnpartitioned()) {
      this.single = new SortingWriter(schema, sort,
          () -> ops.storage().objects().newOutputFile(ops.locations().newDataFile()), table, WriteOptions.defaults());
      this.partitioned = null;
    } else {
      this.single = null;
      this.partitioned = new PartitionedWriter(schema, spec,
          path -> ops.storage().objects().newOutputFile(ops.locations().newDataFile(path)), table,
          WriteOptions.defaults(), maxOpenFiles, sort);
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
          + files.size() + " files (one per partition, and one per full sort buffer); take them all with"
          + " DataWriter.completeFiles()");
    }
    return files.get(0);
  }

  @Override
  public List<DataFile> completeFiles() {
    if (completed == null) {
      if (single != null) {
        completed = written == 0 ? List.of()
            : single.completeFiles().stream().map(f -> f.withPartition(spec.specId(), Map.of())).toList();
      } else {
        completed = partitioned.complete();
      }
    }
    return completed;
  }

  /**
   * Where each row went, by the order rows were written; call after {@link #completeFiles()}. A sorted table's
   * writer must have been made to track ordinals; an unsorted table's rows stream in the order written, which
   * is known as long as they went to one file.
   *
   * @throws IllegalStateException if an unsorted table's rows went to several files
   */
  RowPlacement placement() {
    if (!sorted) {
      if (completed.size() > 1) {
        throw new IllegalStateException("rows of table " + table + " went to " + completed.size() + " files");
      }
      return completed.isEmpty() ? RowPlacement.of(List.of(), 0) : RowPlacement.streamed(completed.get(0).location());
    }
    List<SortingWriter.SortedFile> files = single != null ? ((SortingWriter) single).sortedFiles()
        : partitioned.sortedFiles();
    return RowPlacement.of(files, written);
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
