package dev.snaplog.spark.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.roaringbitmap.RoaringBitmap;

/**
 * What one task of a merge-on-read operation sends back to the driver: the data file it wrote for inserted and
 * updated rows (none when it wrote no such row), and the positions of the rows it deleted, per data file.
 *
 * @param files the data files the task completed
 * @param deleted positions of deleted rows (0-based, in file order), by data file location
 */
record WrittenDelta(ArrayList<WrittenFile> files, HashMap<String, RoaringBitmap> deleted)
    implements WriterCommitMessage {
  private static final long serialVersionUID = 1L;

  /** The deleted positions of every message, merged per data file. */
  static Map<String, RoaringBitmap> deletedRows(WriterCommitMessage[] messages) {
    Map<String, RoaringBitmap> out = new LinkedHashMap<>();
    if (messages != null) {
      for (WriterCommitMessage m : messages) {
        if (m instanceof WrittenDelta d) {
          d.deleted().forEach((file, positions) -> out.merge(file, positions, (a, b) -> RoaringBitmap.or(a, b)));
        }
      }
    }
    return out;
  }
}
