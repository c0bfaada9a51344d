package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-field null counts and bounds, row by row, of the primitive fields whose file stats Parquet's own column
 * statistics cannot give exactly (see {@link FooterStats}): floats and doubles, where Parquet keeps a NaN as
 * a bound and treats -0.0 and +0.0 as equal, and every field inside a list or map, where Parquet counts a null
 * or empty collection as a null value. Values are canonical and ordered by {@link Comparators#forType}.
 *
 * <p>A field inside structs counts a null for every row where it or an enclosing struct is null, which is
 * what filters on it see. A field inside a list or map counts its values: each element (or key, or value)
 * is one, and a null list contributes none. NaN is never a bound.
 */
final class StatsCollector {
  private final List<Field> topLevel;
  private final int[] visited;
  // the slot of each visited top-level column that is itself a collected primitive (-1 for nested ones), so
  // the common flat row needs no lookup by field id
  private final int[] topLevelSlot;
  private final TypeId[] leafTypes;
  private final Map<Integer, Integer> slotById = new HashMap<>();
  private final List<Field> leaves = new ArrayList<>();
  private final Comparator<Object>[] comparators;
  private final long[] nulls;
  private final Object[] mins;
  private final Object[] maxs;
  // a double column's bounds as primitives (the common case: no boxed bound to load and compare per row);
  // seen[i] says whether slot i has a bound yet
  private final double[] doubleMins;
  private final double[] doubleMaxs;
  private final boolean[] seen;

  @SuppressWarnings({"unchecked", "rawtypes"})
  StatsCollector(Schema schema) {
    this.topLevel = schema.fields();
    List<Integer> withLeaves = new ArrayList<>();
    for (int i = 0; i < topLevel.size(); i++) {
      int before = leaves.size();
      addLeaves(topLevel.get(i), false);
      if (leaves.size() > before) {
        withLeaves.add(i);
      }
    }
    this.visited = withLeaves.stream().mapToInt(Integer::intValue).toArray();
    int n = leaves.size();
    this.topLevelSlot = new int[visited.length];
    for (int k = 0; k < visited.length; k++) {
      Field f = topLevel.get(visited[k]);
      topLevelSlot[k] = f.type().isPrimitive() ? slotById.get(f.id()) : -1;
    }
    this.leafTypes = new TypeId[n];
    this.comparators = new Comparator[n];
    this.nulls = new long[n];
    this.mins = new Object[n];
    this.maxs = new Object[n];
    this.doubleMins = new double[n];
    this.doubleMaxs = new double[n];
    this.seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      comparators[i] = Comparators.forType(leaves.get(i).type());
      leafTypes[i] = leaves.get(i).type().id();
    }
  }

  /** Whether this collector, rather than Parquet's statistics, gives the stats of a primitive field. */
  static boolean collectsRowByRow(Type type, boolean insideListOrMap) {
    return insideListOrMap || type.id() == TypeId.FLOAT || type.id() == TypeId.DOUBLE;
  }

  private void addLeaves(Field f, boolean insideListOrMap) {
    Type t = f.type();
    if (t.isPrimitive()) {
      if (collectsRowByRow(t, insideListOrMap)) {
        slotById.put(f.id(), leaves.size());
        leaves.add(f);
      }
      return;
    }
    boolean repeated = insideListOrMap || t.id() == TypeId.LIST || t.id() == TypeId.MAP;
    for (Field c : t.fields()) {
      addLeaves(c, repeated);
    }
  }

  void update(Record row) {
    for (int k = 0; k < visited.length; k++) {
      int i = visited[k];
      int slot = topLevelSlot[k];
      if (slot >= 0) {
        leaf(slot, leafTypes[slot], row.get(i));
      } else {
        value(topLevel.get(i), row.get(i));
      }
    }
  }

  private void fields(List<Field> fields, Record r) {
    for (int i = 0; i < fields.size(); i++) {
      value(fields.get(i), r == null ? null : r.get(i));
    }
  }

  private void value(Field f, Object v) {
    switch (f.type().id()) {
      case STRUCT -> fields(f.type().fields(), (Record) v);
      case LIST -> {
        if (v != null) {
          for (Object e : (List<?>) v) {
            value(f.type().elementField(), e);
          }
        }
      }
      case MAP -> {
        if (v != null) {
          for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            value(f.type().keyField(), e.getKey());
            value(f.type().valueField(), e.getValue());
          }
        }
      }
      default -> {
        Integer slot = slotById.get(f.id());
        if (slot != null) {
          leaf(slot, f.type().id(), v);
        }
      }
    }
  }

  private void leaf(int i, TypeId type, Object v) {
    if (v == null) {
      nulls[i]++;
    } else if (type == TypeId.DOUBLE) {
      doubleBounds(i, (Double) v);
    } else if (!(type == TypeId.FLOAT && isNaN(v))) {
      if (mins[i] == null || comparators[i].compare(v, mins[i]) < 0) {
        mins[i] = keep(type, v);
      }
      if (maxs[i] == null || comparators[i].compare(v, maxs[i]) > 0) {
        maxs[i] = keep(type, v);
      }
    }
  }

  // The common case of a column of doubles, compared as primitives: Double.compare orders -0.0 below 0.0 as
  // Comparators.forType does, and a NaN is never a bound.
  private void doubleBounds(int i, double d) {
    if (Double.isNaN(d)) {
      return;
    }
    if (!seen[i]) {
      seen[i] = true;
      doubleMins[i] = d;
      doubleMaxs[i] = d;
    } else if (Double.compare(d, doubleMins[i]) < 0) {
      doubleMins[i] = d;
    } else if (Double.compare(d, doubleMaxs[i]) > 0) {
      doubleMaxs[i] = d;
    }
  }

  // A binary value's buffer belongs to the caller, who may reuse it after the row is written.
  private static Object keep(TypeId type, Object v) {
    if (type != TypeId.BINARY) {
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

  /** Stats of the fields collected here by field id; bounds are absent for fields with no non-null, non-NaN value. */
  Map<Integer, ColumnStats> result() {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      if (leafTypes[i] == TypeId.DOUBLE) {
        out.put(leaves.get(i).id(), new ColumnStats(nulls[i], seen[i] ? (Object) doubleMins[i] : null,
            seen[i] ? (Object) doubleMaxs[i] : null));
      } else {
        out.put(leaves.get(i).id(), new ColumnStats(nulls[i], mins[i], maxs[i]));
      }
    }
    return out;
  }
}
