package dev.snaplog.manifest;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.Promotions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stats of a group of files taken together: summed nulls, the least min and the greatest max. */
final class StatsUnion {
  private StatsUnion() {}

  /**
   * Bounds of files written before a column was widened are taken as values of its current type. A column
   * keeps bounds only if every file with non-null values in it has bounds; otherwise it is left
   * out and the group is never pruned on that column.
   */
  static Map<Integer, ColumnStats> of(List<DataFile> files, Schema schema) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (Field field : schema.fields()) {
      Comparator<Object> cmp = Comparators.forType(field.type());
      long nulls = 0;
      Object min = null;
      Object max = null;
      boolean known = true;
      for (DataFile f : files) {
        ColumnStats s = f.columnStats().get(field.id());
        if (s == null) {
          known = false;
          break;
        }
        nulls += s.nullCount();
        boolean allNull = s.nullCount() >= f.recordCount();
        if (!allNull && (s.min().isEmpty() || s.max().isEmpty())) {
          known = false;
          break;
        }
        Object fileMin = s.min().map(v -> Promotions.widenBound(field.type(), v)).orElse(null);
        Object fileMax = s.max().map(v -> Promotions.widenBound(field.type(), v)).orElse(null);
        if (fileMin != null && (min == null || cmp.compare(fileMin, min) < 0)) {
          min = fileMin;
        }
        if (fileMax != null && (max == null || cmp.compare(fileMax, max) > 0)) {
          max = fileMax;
        }
      }
      if (known) {
        out.put(field.id(), new ColumnStats(nulls, min, max));
      }
    }
    return out;
  }
}
