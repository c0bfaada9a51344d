package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.TypeId;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column null counts and bounds of the rows written to one file, in canonical values ordered by
 * {@link Comparators#forType}. These become the file's stats in the log, which planning prunes on without
 * opening the file; they are computed here rather than taken from Parquet's footer so that their ordering is
 * by construction the one filters use.
 */
final class StatsCollector {
  private final List<Field> fields;
  private final Comparator<Object>[] comparators;
  private final boolean[] floating;
  private final boolean[] binary;
  private final long[] nulls;
  private final Object[] mins;
  private final Object[] maxs;

  @SuppressWarnings({"unchecked", "rawtypes"})
  StatsCollector(Schema schema) {
    this.fields = schema.fields();
    int n = fields.size();
    this.comparators = new Comparator[n];
    this.floating = new boolean[n];
    this.binary = new boolean[n];
    this.nulls = new long[n];
    this.mins = new Object[n];
    this.maxs = new Object[n];
    for (int i = 0; i < n; i++) {
      TypeId id = fields.get(i).type().id();
      comparators[i] = Comparators.forType(fields.get(i).type());
      floating[i] = id == TypeId.FLOAT || id == TypeId.DOUBLE;
      binary[i] = id == TypeId.BINARY;
    }
  }

  void update(Record row) {
    for (int i = 0; i < fields.size(); i++) {
      Object v = row.get(i);
      if (v == null) {
        nulls[i]++;
      } else if (!(floating[i] && isNaN(v))) {
        if (mins[i] == null || comparators[i].compare(v, mins[i]) < 0) {
          mins[i] = keep(i, v);
        }
        if (maxs[i] == null || comparators[i].compare(v, maxs[i]) > 0) {
          maxs[i] = keep(i, v);
        }
      }
    }
  }

  // A binary value's buffer belongs to the caller, who may reuse it after the row is written.
  private Object keep(int i, Object v) {
    if (!binary[i]) {
      return v;
    }
    ByteBuffer src = ((ByteBuffer) v).duplicate();
    ByteBuffer copy = ByteBuffer.allocate(src.remaining());
    copy.put(src).flip();
    return copy.asReadOnlyBuffer();
  }

  private static boolean isNaN(Object v) {
    return v instanceof Float f ? f.isNaN() : v instanceof Double d && d.isNaN();
  }

  /** Stats of every column by field id; bounds are absent for columns with no non-null, non-NaN value. */
  Map<Integer, ColumnStats> result() {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      out.put(fields.get(i).id(), new ColumnStats(nulls[i], mins[i], maxs[i]));
    }
    return out;
  }
}
