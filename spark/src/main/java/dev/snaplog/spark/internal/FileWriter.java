package dev.snaplog.spark.internal;

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
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.OutputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * Writes one task's rows into new data files in the table's {@code data/} folder, through Snaplog's data
 * writers (which validate rows and collect the stats the log records): one file when the table is
 * unpartitioned; otherwise one file per partition the rows fall in, under {@code data/<partition path>/}, routed
 * by Snaplog's {@link PartitionedWriter} with its bound on open files, each file carrying its spec id and
 * partition values. Files are created with their first row, so an empty task writes nothing. On abort every file
 * the attempt created is removed, whether or not it was completed: a failed or denied task attempt leaves
 * nothing that a commit could pick up.
 */
final class FileWriter implements org.apache.spark.sql.connector.write.DataWriter<InternalRow> {
  private final ObjectStore objects;
  private final String dataFolder;
  private final Schema schema;
  private final PartitionSpec spec;
  private final SortOptions sort;
  private final int maxOpenFiles;
  private final String tableName;
  private final SparkValues.FromSpark converter;
  private final boolean discard;
  private final List<String> created = new ArrayList<>();
  private DataWriter single;
  private PartitionedWriter partitioned;

  /**
   * @param spec the table's partition spec that rows are routed by
   * @param sort how rows are sorted within each file (not at all for an unsorted table)
   * @param maxOpenFiles the most files of a partitioned table open at once
   * @param discard drop every row and write no file (the write's commit token is already committed)
   */
  FileWriter(ObjectStore objects, String dataFolder, Schema schema, PartitionSpec spec, SortOptions sort,
      int maxOpenFiles, String tableName, boolean discard) {
    this.objects = objects;
    this.dataFolder = dataFolder;
    this.schema = schema;
    this.spec = spec;
    this.sort = sort;
    this.maxOpenFiles = maxOpenFiles;
    this.tableName = tableName;
    this.converter = new SparkValues.FromSpark(schema);
    this.discard = discard;
  }

  @Override
  public void write(InternalRow row) {
    if (discard) {
      return;
    }
    Record record = converter.record(row);
    if (spec.isUnpartitioned()) {
      if (single == null) {
        single = sort.sorts()
            ? new SortingWriter(schema, sort, () -> newFile(""), tableName, WriteOptions.defaults())
            : ParquetFormat.newWriter(newFile(""), schema, tableName);
      }
      single.write(record);
    } else {
      if (partitioned == null) {
        partitioned = new PartitionedWriter(schema, spec, this::newFile, tableName, WriteOptions.defaults(),
            maxOpenFiles, sort);
      }
      partitioned.write(record);
    }
  }

  /** A new file in a partition's folder ({@code ""}: the data folder itself), remembered for an abort. */
  private OutputFile newFile(String partitionPath) {
    String name = UUID.randomUUID() + ".parquet";
    String location = objects.resolve(dataFolder, partitionPath.isEmpty() ? name : partitionPath + "/" + name);
    created.add(location);
    return objects.newOutputFile(location);
  }

  @Override
  public WriterCommitMessage commit() {
    List<DataFile> completed = List.of();
    if (single != null) { // a sorted writer writes a file per full sort buffer
      completed = single.completeFiles().stream().map(f -> f.withPartition(spec.specId(), Map.of())).toList();
    } else if (partitioned != null) {
      completed = partitioned.complete();
    }
    return WrittenFiles.of(completed.stream().map(WrittenFile::of).toList());
  }

  @Override
  public void abort() {
    close();
    for (String location : created) {
      objects.delete(location);
    }
    created.clear();
  }

  @Override
  public void close() {
    if (single != null) {
      single.close(); // removes the file unless it was completed
      single = null;
    }
    if (partitioned != null) {
      partitioned.close(); // abandons the files still open
      partitioned = null;
    }
  }
}
