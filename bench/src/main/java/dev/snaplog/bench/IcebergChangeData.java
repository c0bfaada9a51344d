package dev.snaplog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.deletes.BaseDVFileWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * Iceberg's side of the change-data workloads through its core Java API (format version 3, no engine), the way
 * a plain Java program has to do it: a delete reads each data file, collects the matching positions and commits
 * deletion vectors (Puffin) in a row delta; an upsert commits an equality-delete file on the key with the new
 * rows (what Flink's upsert mode writes: Iceberg has no MERGE without an engine); compaction reads the rows,
 * writes new files and commits a rewrite.
 */
final class IcebergChangeData implements ChangeDataSystem {
  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.required(2, "bucket", Types.IntegerType.get()),
      Types.NestedField.optional(3, "payload", Types.StringType.get()));

  private final Path dir;
  private Table table;

  IcebergChangeData(Path dir) {
    this.dir = dir;
  }

  @Override
  public String system() {
    return "iceberg";
  }

  private Table newTable() {
    return new HadoopTables(IcebergTable.conf()).create(SCHEMA, PartitionSpec.unpartitioned(),
        Map.of(TableProperties.FORMAT_VERSION, "3"), dir.resolve("changes").toUri().toString());
  }

  private DataFile write(long first, int rows, String payload) {
    org.apache.iceberg.io.DataWriter<Record> w = writer();
    GenericRecord rec = GenericRecord.create(SCHEMA);
    try (w) {
      for (long id = first; id < first + rows; id++) {
        rec.set(0, id);
        rec.set(1, ChangeDataSystem.bucketOf(id));
        rec.set(2, payload == null ? Rows.string(id) : payload);
        w.write(rec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toDataFile();
  }

  private org.apache.iceberg.io.DataWriter<Record> writer() {
    try {
      return Parquet.writeData(table.io().newOutputFile(table.location() + "/data/" + UUID.randomUUID()
              + ".parquet"))
          .forTable(table)
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(PartitionSpec.unpartitioned())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void create(int files, int rowsPerFile) {
    table = newTable();
    for (int f = 0; f < files; f++) {
      table.newAppend().appendFile(write((long) f * rowsPerFile, rowsPerFile, null)).commit();
    }
  }

  @Override
  public void createSmallFiles(int files, int rowsPerFile) {
    table = newTable();
    org.apache.iceberg.AppendFiles append = table.newAppend();
    for (int f = 0; f < files; f++) {
      append.appendFile(write((long) f * rowsPerFile, rowsPerFile, null));
    }
    append.commit();
  }

  @Override
  public void deleteBucketsBelow(int buckets) {
    BaseDVFileWriter dvs = new BaseDVFileWriter(OutputFileFactory.builderFor(table, 1, 1)
        .format(FileFormat.PUFFIN).build(), path -> null);
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask task : tasks) {
        String location = task.file().location();
        long position = 0;
        try (CloseableIterable<Record> rows = Parquet.read(table.io().newInputFile(location)).project(SCHEMA)
            .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(SCHEMA, fileSchema)).build()) {
          for (Record r : rows) {
            if ((Integer) r.get(1) < buckets) {
              dvs.delete(location, position, table.spec(), null);
            }
            position++;
          }
        }
      }
      dvs.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RowDelta delta = table.newRowDelta();
    dvs.result().deleteFiles().forEach(delta::addDeletes);
    delta.commit();
  }

  @Override
  public void upsert(List<Long> ids) {
    Schema keySchema = SCHEMA.select("id");
    EqualityDeleteWriter<Record> deletes;
    try {
      deletes = Parquet.writeDeletes(table.io().newOutputFile(table.location() + "/data/" + UUID.randomUUID()
              + "-eq.parquet"))
          .forTable(table)
          .rowSchema(keySchema)
          .createWriterFunc(GenericParquetWriter::create)
          .equalityFieldIds(1)
          .buildEqualityWriter();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GenericRecord key = GenericRecord.create(keySchema);
    try (deletes) {
      for (long id : ids) {
        key.set(0, id);
        deletes.write(key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DeleteFile deleteFile = deletes.toDeleteFile();
    org.apache.iceberg.io.DataWriter<Record> w = writer();
    GenericRecord rec = GenericRecord.create(SCHEMA);
    try (w) {
      for (long id : ids) {
        rec.set(0, id);
        rec.set(1, ChangeDataSystem.bucketOf(id));
        rec.set(2, "new");
        w.write(rec);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    table.newRowDelta().addDeletes(deleteFile).addRows(w.toDataFile()).commit();
  }

  @Override
  public void compact(long targetBytes) {
    List<DataFile> old = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      tasks.forEach(t -> old.add(t.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DataFile> written = new ArrayList<>();
    org.apache.iceberg.io.DataWriter<Record> w = writer();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record r : rows) {
        if (w.length() >= targetBytes) {
          w.close();
          written.add(w.toDataFile());
          w = writer();
        }
        w.write(r);
      }
      w.close();
      written.add(w.toDataFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RewriteFiles rewrite = table.newRewrite();
    old.forEach(rewrite::deleteFile);
    written.forEach(rewrite::addFile);
    rewrite.commit();
  }

  @Override
  public long scanAll() {
    table.refresh();
    long n = 0;
    try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
      for (Record r : rows) {
        n += r.get(0) != null ? 1 : 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  @Override
  public long liveDataFiles() {
    table.refresh();
    long n = 0;
    try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
      for (FileScanTask t : tasks) {
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  @Override
  public long bytesOnDisk() {
    return DirectorySize.of(dir);
  }

  @Override
  public void close() {}
}
