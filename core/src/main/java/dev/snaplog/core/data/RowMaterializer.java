package dev.snaplog.core.data;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Assembles each Parquet record into an array of canonical values, following a {@link ReadPlan}: top-level
 * column {@code i} lands at its read position; structs become records, lists and maps unmodifiable lists and
 * maps; fields the file lacks take their default.
 */
final class RowMaterializer extends RecordMaterializer<Object[]> {
  /** Where a converter puts the value it assembled. */
  interface Sink {
    void set(Object value);
  }

  private final Root root;

  RowMaterializer(int width, ReadPlan plan) {
    this.root = new Root(width, plan);
  }

  @Override
  public Object[] getCurrentRecord() {
    return root.current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  /**
   * The converter of one primitive column read on its own: each value it is handed goes to {@code sink} as the
   * canonical value of {@code readType}, a dictionary's entries decoded once per dictionary.
   */
  static PrimitiveConverter column(Type fileType, Type readType, PrimitiveTypeName physical, Sink sink) {
    return new Column(sink, fileType, readType, physical);
  }

  private static Converter converter(ReadPlan.Node n, Sink sink) {
    if (n.field == null) {
      return discarding(n.requested);
    }
    Type t = n.field.type();
    return switch (t.id()) {
      case STRUCT -> new Struct(n, sink);
      case LIST -> new Repeated(n, sink, false);
      case MAP -> new Repeated(n, sink, true);
      default -> new Column(sink, n.fileType, t, ReadPlan.physical(n));
    };
  }

  private static final class Root extends GroupConverter {
    private final Object[] defaults;
    private final Converter[] columns;
    private Object[] current;

    Root(int width, ReadPlan plan) {
      this.defaults = java.util.Arrays.copyOf(plan.defaults, width);
      this.columns = new Converter[plan.columns.size()];
      for (int i = 0; i < columns.length; i++) {
        int pos = plan.columns.get(i).index;
        columns[i] = converter(plan.columns.get(i), v -> current[pos] = v);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return columns[fieldIndex];
    }

    @Override
    public void start() {
      current = defaults.clone();
    }

    @Override
    public void end() {}
  }

  private static final class Struct extends GroupConverter {
    private final ReadPlan.Node node;
    private final Sink sink;
    private final Converter[] children;
    private Object[] values;

    Struct(ReadPlan.Node node, Sink sink) {
      this.node = node;
      this.sink = sink;
      this.children = new Converter[node.children.size()];
      for (int i = 0; i < children.length; i++) {
        int pos = node.children.get(i).index;
        children[i] = converter(node.children.get(i), v -> values[pos] = v);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      values = node.defaults.clone();
    }

    @Override
    public void end() {
      sink.set(GenericRecord.wrap(node.field.type().asSchema(), values));
    }
  }

  /** A list (its repeated group holds the element) or a map (key and value). */
  private static final class Repeated extends GroupConverter {
    private final Sink sink;
    private final boolean isMap;
    private final Entry entry;
    private List<Object> items;
    private Map<Object, Object> entries;

    Repeated(ReadPlan.Node node, Sink sink, boolean isMap) {
      this.sink = sink;
      this.isMap = isMap;
      this.entry = new Entry(node.children);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entry;
    }

    @Override
    public void start() {
      if (isMap) {
        entries = new LinkedHashMap<>();
      } else {
        items = new ArrayList<>();
      }
    }

    @Override
    public void end() {
      sink.set(isMap ? Collections.unmodifiableMap(entries) : Collections.unmodifiableList(items));
    }

    private final class Entry extends GroupConverter {
      private final Converter[] parts;
      private final Object[] current = new Object[2];

      Entry(List<ReadPlan.Node> children) {
        parts = new Converter[children.size()];
        for (int i = 0; i < parts.length; i++) {
          int slot = i;
          parts[i] = converter(children.get(i), v -> current[slot] = v);
        }
      }

      @Override
      public Converter getConverter(int fieldIndex) {
        return parts[fieldIndex];
      }

      @Override
      public void start() {
        current[0] = null;
        current[1] = null;
      }

      @Override
      public void end() {
        if (isMap) {
          entries.put(current[0], current[1]);
        } else {
          items.add(current[0]);
        }
      }
    }
  }

  /** Accepts every value of a primitive column and keeps none. */
  static final PrimitiveConverter DISCARD = new PrimitiveConverter() {
    @Override
    public void addBinary(Binary value) {}

    @Override
    public void addBoolean(boolean value) {}

    @Override
    public void addDouble(double value) {}

    @Override
    public void addFloat(float value) {}

    @Override
    public void addInt(int value) {}

    @Override
    public void addLong(long value) {}
  };

  /** Reads nothing: a column requested only so that its enclosing struct's presence is known. */
  private static Converter discarding(org.apache.parquet.schema.Type t) {
    if (t.isPrimitive()) {
      return DISCARD;
    }
    int n = t.asGroupType().getFieldCount();
    Converter[] children = new Converter[n];
    for (int i = 0; i < n; i++) {
      children[i] = discarding(t.asGroupType().getType(i));
    }
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return children[fieldIndex];
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }

  /**
   * Decodes one primitive column as the type the file holds, widened to the read type where the column was
   * widened since; dictionary entries are decoded once per dictionary instead of once per row.
   */
  private static final class Column extends PrimitiveConverter {
    private final Sink sink;
    private final Type fileType;
    private final Type readType;
    private final PrimitiveTypeName physical;
    private Object[] dictionary;

    Column(Sink sink, Type fileType, Type readType, PrimitiveTypeName physical) {
      this.sink = sink;
      this.fileType = fileType;
      this.readType = readType;
      this.physical = physical;
    }

    private Object decode(Object raw) {
      return Promotions.promote(fileType, readType, ParquetValues.read(fileType, raw));
    }

    private void set(Object raw) {
      sink.set(decode(raw));
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      Object[] decoded = new Object[dict.getMaxId() + 1];
      for (int id = 0; id < decoded.length; id++) {
        decoded[id] = decode(rawFromDictionary(dict, id));
      }
      dictionary = decoded;
    }

    private Object rawFromDictionary(Dictionary dict, int id) {
      switch (physical) {
        case INT32:
          return dict.decodeToInt(id);
        case INT64:
          return dict.decodeToLong(id);
        case FLOAT:
          return dict.decodeToFloat(id);
        case DOUBLE:
          return dict.decodeToDouble(id);
        case BOOLEAN:
          return dict.decodeToBoolean(id);
        default:
          return dict.decodeToBinary(id);
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      Object v = dictionary[dictionaryId];
      // rows share the decoded value; a ByteBuffer's position is state, so each row gets its own view
      sink.set(v instanceof ByteBuffer bb ? bb.duplicate() : v);
    }

    @Override
    public void addBinary(Binary value) {
      set(value);
    }

    @Override
    public void addBoolean(boolean value) {
      set(value);
    }

    @Override
    public void addDouble(double value) {
      set(value);
    }

    @Override
    public void addFloat(float value) {
      set(value);
    }

    @Override
    public void addInt(int value) {
      set(value);
    }

    @Override
    public void addLong(long value) {
      set(value);
    }
  }
}
