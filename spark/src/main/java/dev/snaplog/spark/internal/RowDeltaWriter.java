package dev.snaplog.spark.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DeltaWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.unsafe.types.UTF8String;
import org.roaringbitmap.RoaringBitmap;

/**
 * One task of a merge-on-read operation: rows to delete are collected as positions per data file (from each
 * row's id, {@code _file} and {@code _pos}); new and changed rows are written into one new data file by a
 * {@link FileWriter}. Nothing is deleted here: the driver commits every task's positions and files together.
 */
final class RowDeltaWriter implements DeltaWriter<InternalRow> {
  private final DataWriter<InternalRow> rows;
  private final int fileOrdinal;
  private final int positionOrdinal;
  private final HashMap<String, RoaringBitmap> deleted = new HashMap<>();
  /** The file of the last deleted row, and its positions: deletes come mostly file by file. */
  private UTF8String lastFile;
  private RoaringBitmap lastPositions;

  /**
   * @param rows writes the task's new rows into a data file of the table
   * @param fileOrdinal where {@code _file} is in a row id
   * @param positionOrdinal where {@code _pos} is in a row id
   */
  RowDeltaWriter(DataWriter<InternalRow> rows, int fileOrdinal, int positionOrdinal) {
    this.rows = rows;
    this.fileOrdinal = fileOrdinal;
    this.positionOrdinal = positionOrdinal;
  }

  @Override
  public void delete(InternalRow metadata, InternalRow id) {
    UTF8String file = id.getUTF8String(fileOrdinal);
    if (!file.equals(lastFile)) {
      lastFile = file.clone(); // the row's buffer may be reused for the next row
      lastPositions = deleted.computeIfAbsent(lastFile.toString(), f -> new RoaringBitmap());
    }
    lastPositions.add(Math.toIntExact(id.getLong(positionOrdinal)));
  }

  @Override
  public void update(InternalRow metadata, InternalRow id, InternalRow row) throws IOException {
    delete(metadata, id);
    insert(row);
  }

  @Override
  public void reinsert(InternalRow metadata, InternalRow row) throws IOException {
    insert(row);
  }

  @Override
  public void insert(InternalRow row) throws IOException {
    rows.write(row);
  }

  @Override
  public WriterCommitMessage commit() throws IOException {
    List<WrittenFile> files = ((WrittenFiles) rows.commit()).files();
    deleted.values().forEach(RoaringBitmap::runOptimize);
    return new WrittenDelta(new ArrayList<>(files), deleted);
  }

  @Override
  public void abort() throws IOException {
    rows.abort();
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
