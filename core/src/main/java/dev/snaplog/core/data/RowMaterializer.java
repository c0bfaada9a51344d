package dev.snaplog.core.data;

import dev.snaplog.core.types.Type;
import java.nio.ByteBuffer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Assembles each Parquet record into an array of canonical values. Column {@code i} of the requested Parquet
 * schema lands at {@code positions[i]} of the array; slots of columns the file lacks stay null.
 */
final class RowMaterializer extends RecordMaterializer<Object[]> {
  private final Root root;

  /**
   * @param width length of each produced array
   * @param positions for each requested column, its slot in the array
   * @param types for each requested column, its Snaplog type
   * @param physical for each requested column, its Parquet physical type (to decode dictionaries)
   */
  RowMaterializer(int width, int[] positions, Type[] types, PrimitiveTypeName[] physical) {
    this.root = new Root(width, positions, types, physical);
  }

  @Override
  public Object[] getCurrentRecord() {
    return root.current;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private static final class Root extends GroupConverter {
    private final int width;
    private final Converter[] columns;
    private Object[] current;

    Root(int width, int[] positions, Type[] types, PrimitiveTypeName[] physical) {
      this.width = width;
      this.columns = new Converter[positions.length];
      for (int i = 0; i < positions.length; i++) {
        columns[i] = new Column(this, positions[i], types[i], physical[i]);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return columns[fieldIndex];
    }

    @Override
    public void start() {
      current = new Object[width];
    }

    @Override
    public void end() {}
  }

  /** Decodes one column; dictionary entries are decoded once per dictionary instead of once per row. */
  private static final class Column extends PrimitiveConverter {
    private final Root root;
    private final int position;
    private final Type type;
    private final PrimitiveTypeName physical;
    private Object[] dictionary;

    Column(Root root, int position, Type type, PrimitiveTypeName physical) {
      this.root = root;
      this.position = position;
      this.type = type;
      this.physical = physical;
    }

    private void set(Object raw) {
      root.current[position] = ParquetValues.read(type, raw);
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      Object[] decoded = new Object[dict.getMaxId() + 1];
      for (int id = 0; id < decoded.length; id++) {
        decoded[id] = ParquetValues.read(type, rawFromDictionary(dict, id));
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
      root.current[position] = v instanceof ByteBuffer bb ? bb.duplicate() : v;
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
