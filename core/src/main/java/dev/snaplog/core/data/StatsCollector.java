package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.TypeId;
import dev.snaplog.core.types.TypeUtil;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-field null counts and bounds of the rows written to one file, for every primitive field, nested ones
 * included, in canonical values ordered by {@link Comparators#forType}. These become the file's stats in the
 * log, which planning prunes on without opening the file; they are computed here rather than taken from
 * Parquet's footer so that their ordering is by construction the one filters use.
 *
 * <p>A field inside structs counts a null for every row where it or an enclosing struct is null, which is
 * what filters on it see. A field inside a list or map counts its values: each element (or key, or value)
 * is one, and a null list contributes none.
 */
final class StatsCollector {
  private final List<Field> topLevel;
  private final Map<Integer, Integer> slotById = new HashMap<>();
  private final List<Field> leaves = new ArrayList<>();
  private final Comparator<Object>[] comparators;
  private final long[] nulls;
  private final Object[] mins;
  private final Object[] maxs;

  @SuppressWarnings({"unchecked", "rawtypes"})
  StatsCollector(Schema schema) {
    this.topLevel = schema.fields();
    for (Field f : topLevel) {
      addLeaf(f);
      TypeUtil.forEachField(f.type(), this::addLeaf);
    }
    int n = leaves.size();
    this.comparators = new Comparator[n];
    this.nulls = new long[n];
    this.mins = new Object[n];
    this.maxs = new Object[n];
    for (int i = 0; i < n; i++) {
      comparators[i] = Comparators.forType(leaves.get(i).type());
    }
  }

  private void addLeaf(Field f) {
    if (f.type().isPrimitive()) {
      slotById.put(f.id(), leaves.size());
      leaves.add(f);
    }
  }

  void update(Record row) {
    fields(topLevel, row);
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
      default -> leaf(slotById.get(f.id()), f.type().id(), v);
    }
  }

  private void leaf(int i, TypeId type, Object v) {
    if (v == null) {
      nulls[i]++;
    } else if (!((type == TypeId.FLOAT || type == TypeId.DOUBLE) && isNaN(v))) {
      if (mins[i] == null || comparators[i].compare(v, mins[i]) < 0) {
        mins[i] = keep(type, v);
      }
      if (maxs[i] == null || comparators[i].compare(v, maxs[i]) > 0) {
        maxs[i] = keep(type, v);
      }
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

  /** Stats of every primitive field by field id; bounds are absent for fields with no non-null, non-NaN value. */
  Map<Integer, ColumnStats> result() {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      out.put(leaves.get(i).id(), new ColumnStats(nulls[i], mins[i], maxs[i]));
    }
    return out;
  }
}
