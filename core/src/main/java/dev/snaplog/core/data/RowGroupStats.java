package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.TypeId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Turns a row group's Parquet statistics into {@link ColumnStats} that
 * {@link dev.snaplog.core.expressions.Evaluators#mightMatch} can prune on. Anything that cannot be trusted is
 * left out, which makes the row group unprunable on that column rather than wrongly pruned: missing null
 * counts drop the column, bounds that are missing, NaN, undecodable or out of order drop the bounds.
 */
final class RowGroupStats {
  private RowGroupStats() {}

  static Map<Integer, ColumnStats> of(BlockMetaData block, ReadPlan plan, Set<Integer> wantedIds) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      ReadPlan.Node n = plan.leavesByPath.get(chunk.getPath());
      if (n == null || !wantedIds.contains(n.field.id())) {
        continue;
      }
      ColumnStats stats = convert(n.field, n.fileType, chunk.getStatistics());
      if (stats != null) {
        out.put(n.field.id(), stats);
      }
    }
    // a field the file lacks reads as its default (or null) in every row
    plan.missing.forEach((id, value) -> {
      if (wantedIds.contains(id)) {
        out.put(id, value == null ? new ColumnStats(block.getRowCount(), null, null)
            : new ColumnStats(0, value, value));
      }
    });
    return out;
  }

  static ColumnStats convert(Field f, Statistics<?> s) {
    return convert(f, f.type(), s);
  }

  /** As {@link #convert(Field, Statistics)} for a file that holds {@code f} as {@code fileType}. */
  static ColumnStats convert(Field f, dev.snaplog.core.types.Type fileType, Statistics<?> s) {
    if (s == null || s.isEmpty() || !s.isNumNullsSet()) {
      return null;
    }
    long nulls = s.getNumNulls();
    // Without a non-null value Parquet may still have had values whose bounds it dropped (too long, NaN);
    // bounds stay unknown, and the null count alone says whether the column is all null.
    if (!s.hasNonNullValue()) {
      return new ColumnStats(nulls, null, null);
    }
    Object min;
    Object max;
    try {
      min = Promotions.promote(fileType, f.type(), ParquetValues.read(fileType, s.genericGetMin()));
      max = Promotions.promote(fileType, f.type(), ParquetValues.read(fileType, s.genericGetMax()));
    } catch (RuntimeException e) {
      return new ColumnStats(nulls, null, null);
    }
    TypeId id = f.type().id();
    if (id == TypeId.FLOAT) {
      if (((Float) min).isNaN() || ((Float) max).isNaN()) {
        return new ColumnStats(nulls, null, null);
      }
      // Parquet readers must treat a zero bound as either zero; widen so -0.0 and +0.0 rows both stay in
      min = (Float) min == 0.0f ? -0.0f : min;
      max = (Float) max == 0.0f ? 0.0f : max;
    } else if (id == TypeId.DOUBLE) {
      if (((Double) min).isNaN() || ((Double) max).isNaN()) {
        return new ColumnStats(nulls, null, null);
      }
      min = (Double) min == 0.0d ? -0.0d : min;
      max = (Double) max == 0.0d ? 0.0d : max;
    }
    if (Comparators.forType(f.type()).compare(min, max) > 0) {
      return new ColumnStats(nulls, null, null);
    }
    return new ColumnStats(nulls, min, max);
  }
}
