package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.io.ObjectStore;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * Writes one task's rows into one new data file in the table's {@code data/} folder, through Snaplog's data
 * writer (which validates rows and collects the stats the log records). The file is created with the first
 * row, so an empty task writes nothing. On abort the file is removed, whether or not it was completed: a
 * failed or denied task attempt leaves nothing that a commit could pick up.
 */
final class FileWriter implements org.apache.spark.sql.connector.write.DataWriter<InternalRow> {
  private final ObjectStore objects;
  private final String dataFolder;
  private final Schema schema;
  private final String tableName;
  private final SparkValues.FromSpark converter;
  private final boolean discard;
  private DataWriter writer;
  private DataFile completed;

  /**
   * @param discard drop every row and write no file (the write's commit token is already committed)
   */
  FileWriter(ObjectStore objects, String dataFolder, Schema schema, String tableName, boolean discard) {
    this.objects = objects;
    this.dataFolder = dataFolder;
    this.schema = schema;
    this.tableName = tableName;
    this.converter = new SparkValues.FromSpark(schema);
    this.discard = discard;
  }

  @Override
  public void write(InternalRow row) {
    if (discard) {
      return;
    }
    if (writer == null) {
      String location = objects.resolve(dataFolder, UUID.randomUUID() + ".parquet");
      writer = ParquetFormat.newWriter(objects.newOutputFile(location), schema, tableName);
    }
    writer.write(converter.record(row));
  }

  @Override
  public WriterCommitMessage commit() {
    if (writer == null) {
      return WrittenFiles.of(List.of());
    }
    completed = writer.complete();
    return WrittenFiles.of(List.of(WrittenFile.of(completed)));
  }

  @Override
  public void abort() {
    if (completed != null) {
      objects.delete(completed.location());
      completed = null;
    }
    close();
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close(); // removes the file unless it was completed
      writer = null;
    }
  }
}
