package dev.snaplog.spark.internal;

import dev.snaplog.core.data.BulkColumnReader;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;

/**
 * Fills a Spark column vector from core's page-at-a-time decoder ({@link BulkColumnReader}) for a number, date or
 * timestamp column (days and microseconds, Spark's own forms), widened numbers included: runs of rows are copied
 * from the page's array with one bulk put each, and nulls marked afterwards. Pages do not line up with batches, so a cursor into the current page carries
 * over from one batch (and one call) to the next within a row group.
 */
final class BulkDecoder {
  private BulkColumnReader pages;
  /** The next row of the current page to read. */
  private int at;

  /** Starts on the column chunk of a new row group. */
  void nextChunk(BulkColumnReader reader) {
    pages = reader;
    at = 0;
  }

  /**
   * Decodes {@code rows} rows into {@code v} from position {@code out} on, leaving out the rows {@code drop} marks
   * (it may be null: none).
   */
  void decode(WritableColumnVector v, int out, int rows, boolean[] drop) {
    int done = 0;
    while (done < rows) {
      if (at == pages.rows()) {
        if (!pages.nextPage()) {
          throw new IllegalStateException("column chunk ended with " + (rows - done) + " rows of its group unread");
        }
        at = 0;
        continue;
      }
      int n = Math.min(rows - done, pages.rows() - at);
      if (drop == null) {
        copy(v, out, at, n);
        out += n;
      } else {
        int end = done + n;
        int i = done;
        while (i < end) {
          while (i < end && drop[i]) {
            i++;
          }
          int run = i;
          while (i < end && !drop[i]) {
            i++;
          }
          copy(v, out, at + run - done, i - run);
          out += i - run;
        }
      }
      at += n;
      done += n;
    }
  }

  /** Copies {@code count} rows of the current page from {@code from} on into {@code v} at {@code out}. */
  private void copy(WritableColumnVector v, int out, int from, int count) {
    if (count == 0) {
      return;
    }
    switch (pages.kind()) {
      case INT -> v.putInts(out, count, pages.ints(), from);
      case LONG -> v.putLongs(out, count, pages.longs(), from);
      case FLOAT -> v.putFloats(out, count, pages.floats(), from);
      case DOUBLE -> v.putDoubles(out, count, pages.doubles(), from);
    }
    if (pages.nullCount() > 0) {
      for (int i = 0; i < count; i++) {
        if (pages.isNull(from + i)) {
          v.putNull(out + i);
        }
      }
    }
  }
}
