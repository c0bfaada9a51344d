package dev.snaplog.core.data;

import dev.snaplog.core.SortOrder;
import java.util.Objects;

/**
 * How a writer sorts: by {@code order}, holding at most {@code bufferRows} rows in memory (a full buffer is
 * sorted and written out), cutting each sorted run into files of at most {@code maxFileRows} rows (so the files
 * of one run cover disjoint ranges of the sort columns), and with {@code trackOrdinals} remembering where each
 * row went (8 bytes a row; compaction needs it). Immutable.
 */
public record SortOptions(SortOrder order, int bufferRows, int maxFileRows, boolean trackOrdinals) {
  /** Rows are streamed in the order they come: no sort, no buffer. */
  public static final SortOptions NONE = new SortOptions(SortOrder.UNSORTED, 1, Integer.MAX_VALUE, false);

  public SortOptions {
    Objects.requireNonNull(order, "order");
    if (bufferRows < 1) {
      throw new IllegalArgumentException("bufferRows must be at least 1, got " + bufferRows);
    }
    if (maxFileRows < 1) {
      throw new IllegalArgumentException("maxFileRows must be at least 1, got " + maxFileRows);
    }
  }

  /** Sorting by {@code order} with this buffer, one file per sorted run, no ordinals. */
  public static SortOptions of(SortOrder order, int bufferRows) {
    return new SortOptions(order, bufferRows, Integer.MAX_VALUE, false);
  }

  public boolean sorts() {
    return !order.isUnsorted();
  }

  public SortOptions withMaxFileRows(int rows) {
    return new SortOptions(order, bufferRows, rows, trackOrdinals);
  }

  public SortOptions withTrackOrdinals(boolean track) {
    return new SortOptions(order, bufferRows, maxFileRows, track);
  }
}
