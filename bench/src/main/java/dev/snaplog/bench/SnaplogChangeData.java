package dev.snaplog.bench;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.expressions.Expressions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Snaplog's side of the change-data workloads: its default merge-on-read deletes, upsert and compaction. */
final class SnaplogChangeData implements ChangeDataSystem {
  static final Schema SCHEMA = Schema.parse("id long not null, bucket int not null, payload string");
  private static final TableId ID = TableId.of("bench", "changes");

  private final Path dir;
  private final Catalog catalog;
  private Table table;

  SnaplogChangeData(Path dir) {
    this.dir = dir;
    this.catalog = Catalogs.open(dir.toString());
    catalog.createNamespace("bench");
  }

  @Override
  public String system() {
    return "snaplog";
  }

  private DataFile write(long first, int rows) {
    try (DataWriter w = table.newDataWriter()) {
      for (long id = first; id < first + rows; id++) {
        w.write(GenericRecord.of(SCHEMA, id, ChangeDataSystem.bucketOf(id), Rows.string(id)));
      }
      return w.complete();
    }
  }

  @Override
  public void create(int files, int rowsPerFile) {
    table = catalog.createTable(ID, SCHEMA, Map.of());
    for (int f = 0; f < files; f++) {
      table.newAppend().appendFile(write((long) f * rowsPerFile, rowsPerFile)).commit();
    }
  }

  @Override
  public void createSmallFiles(int files, int rowsPerFile) {
    table = catalog.createTable(ID, SCHEMA, Map.of());
    AppendFiles append = table.newAppend();
    for (int f = 0; f < files; f++) {
      append.appendFile(write((long) f * rowsPerFile, rowsPerFile));
    }
    append.commit();
  }

  @Override
  public void deleteBucketsBelow(int buckets) {
    table.newDelete().deleteWhere(Expressions.lessThan("bucket", buckets)).commit();
  }

  @Override
  public void upsert(List<Long> ids) {
    List<Record> rows = new ArrayList<>(ids.size());
    for (long id : ids) {
      rows.add(GenericRecord.of(SCHEMA, id, ChangeDataSystem.bucketOf(id), "new"));
    }
    table.newUpsert().key("id").addRecords(rows).commit();
  }

  @Override
  public void compact(long targetBytes) {
    table.newRewrite().targetFileSizeBytes(targetBytes).commit();
  }

  @Override
  public long scanAll() {
    long n = 0;
    try (CloseableIterable<Record> rows = table.refresh().newScan().records()) {
      for (Record r : rows) {
        n += r.get(0) != null ? 1 : 0;
      }
    }
    return n;
  }

  @Override
  public long liveDataFiles() {
    return table.refresh().newScan().planFiles().toList().size();
  }

  @Override
  public long bytesOnDisk() {
    return DirectorySize.of(dir);
  }

  @Override
  public void close() {
    catalog.close();
  }
}
