package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.MessageType;

/**
 * File stats of a just-written file from the column statistics Parquet kept while encoding it, merged over its
 * row groups: no second pass over the rows. Only for the primitive fields where those statistics equal what a
 * pass over the canonical values gives: outside lists and maps, and neither float nor double (those are
 * collected by {@link StatsCollector}).
 *
 * <p>The statistics are the writer's in-memory ones, before Parquet shortens or drops long bounds for the
 * footer, so a long string or binary bound is exact here; the log shortens it later as the table's
 * stats truncation length says. Parquet orders strings, binary and UUIDs as unsigned bytes (for strings, the
 * code point order of {@link Comparators}), decimals as signed integers of one scale, and every other type
 * signed: the orders of {@link Comparators#forType}.
 */
final class FooterStats {
  private final Map<ColumnPath, Integer> slotByPath = new HashMap<>();
  private final List<Field> fields = new ArrayList<>();

  FooterStats(MessageType messageType, Schema schema) {
    for (ColumnDescriptor d : messageType.getColumns()) {
      if (d.getMaxRepetitionLevel() > 0 || d.getPrimitiveType().getId() == null) {
        continue;
      }
      Field f = schema.findFieldById(d.getPrimitiveType().getId().intValue()).orElse(null);
      if (f == null || StatsCollector.collectsRowByRow(f.type(), false)) {
        continue;
      }
      slotByPath.put(ColumnPath.get(d.getPath()), fields.size());
      fields.add(f);
    }
  }

  /**
   * Stats by field id of the fields this class covers. A field whose statistics Parquet did not keep (no null
   * count) is left out, which leaves it unprunable rather than wrongly pruned.
   */
  Map<Integer, ColumnStats> of(List<BlockMetaData> rowGroups) {
    int n = fields.size();
    long[] nulls = new long[n];
    Object[] mins = new Object[n];
    Object[] maxs = new Object[n];
    boolean[] unknown = new boolean[n];
    for (BlockMetaData block : rowGroups) {
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        Integer slot = slotByPath.get(chunk.getPath());
        if (slot == null || unknown[slot]) {
          continue;
        }
        Statistics<?> s = chunk.getStatistics();
        if (s == null || !s.isNumNullsSet()) {
          unknown[slot] = true;
          continue;
        }
        nulls[slot] += s.getNumNulls();
        if (s.hasNonNullValue()) {
          Type type = fields.get(slot).type();
          Comparator<Object> order = Comparators.forType(type);
          Object min = ParquetValues.read(type, s.genericGetMin());
          Object max = ParquetValues.read(type, s.genericGetMax());
          if (mins[slot] == null || order.compare(min, mins[slot]) < 0) {
            mins[slot] = min;
          }
          if (maxs[slot] == null || order.compare(max, maxs[slot]) > 0) {
            maxs[slot] = max;
          }
        }
      }
    }
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (!unknown[i]) {
        out.put(fields.get(i).id(), new ColumnStats(nulls[i], mins[i], maxs[i]));
      }
    }
    return out;
  }
}
