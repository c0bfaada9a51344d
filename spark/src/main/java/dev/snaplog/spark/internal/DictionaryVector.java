package dev.snaplog.spark.internal;

import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string or binary column of the batches of one data file, decoded into a dictionary of the file's distinct
 * values: each row holds the id of its value, and every row of a value hands Spark the same {@link UTF8String}
 * (or byte array), so neither the decoding nor Spark's reading of a row copies or allocates. Low-cardinality
 * columns, the common case of string columns, read this way throughout.
 *
 * <p>Values are matched to their ids by content; since Parquet hands out one {@link Binary} instance per entry of
 * a dictionary-encoded column chunk, instances seen before in the current chunk are matched by identity first,
 * which spares hashing their bytes. Once the file's distinct values outgrow {@link #MAX_ENTRIES} entries or
 * {@link #MAX_BYTES} bytes (a high-cardinality column), the rows of the current batch decoded so far are copied
 * out as plain bytes and the rest of the file is decoded plainly, each value's bytes copied into a plain vector,
 * as other columns are.
 */
final class DictionaryVector extends ColumnVector {
  static final int MAX_ENTRIES = 1 << 16;
  static final long MAX_BYTES = 1L << 20;
  private static final int NULL = -1;

  private final boolean text;
  private final OnHeapColumnVector plain;
  private final int[] ids;
  private int numNulls;
  /** Whether this file's values are still decoded as dictionary ids; false once they outgrew the limits. */
  private boolean dictionary = true;
  private UTF8String[] texts = new UTF8String[16];
  private byte[][] values = new byte[16][];
  private int entries;
  private long bytes;
  private Map<Binary, Integer> byValue = new HashMap<>();
  /** The current chunk's value instances already matched, while the chunk hands out few distinct instances. */
  private Map<Binary, Integer> byInstance = new IdentityHashMap<>();

  /** Whether columns of {@code type} read into dictionary vectors: strings and binaries (never widened). */
  static boolean holds(Type type) {
    return type.id() == TypeId.STRING || type.id() == TypeId.BINARY;
  }

  /**
   * @param type Spark's string or binary type
   * @param capacity the most rows a batch holds
   */
  DictionaryVector(DataType type, int capacity) {
    super(type);
    this.text = !(type instanceof org.apache.spark.sql.types.BinaryType);
    this.plain = new OnHeapColumnVector(capacity, type);
    this.ids = new int[capacity];
  }

  /** Empties the vector for the next batch. */
  void reset() {
    numNulls = 0;
    plain.reset();
  }

  /** A new column chunk begins: its value instances are other ones. */
  void nextChunk() {
    if (byInstance != null) {
      byInstance.clear();
    } else if (dictionary) {
      byInstance = new IdentityHashMap<>();
    }
  }

  /**
   * Decodes {@code rows} rows from {@code r} into this vector from position {@code out} on, leaving out the rows
   * {@code drop} marks (it may be null: none); each row read is consumed.
   */
  void decode(ColumnReader r, int out, int rows, boolean[] drop) {
    int present = r.getDescriptor().getMaxDefinitionLevel();
    int at = out;
    for (int i = 0; i < rows; i++) {
      boolean isValue = r.getCurrentDefinitionLevel() == present;
      if (drop != null && drop[i]) {
        if (isValue) {
          r.skip();
        }
      } else {
        if (!isValue) {
          putNull(at);
        } else if (dictionary) {
          putId(at, r.getBinary());
        } else {
          putBytes(at, r.getBinary());
        }
        at++;
      }
      r.consume();
    }
  }

  private void putNull(int row) {
    numNulls++;
    if (dictionary) {
      ids[row] = NULL;
    } else {
      plain.putNull(row);
    }
  }

  private void putId(int row, Binary value) {
    Integer id = byInstance == null ? null : byInstance.get(value);
    if (id == null) {
      id = byValue.get(value);
      if (id == null) {
        id = add(value);
        if (id == NULL) {
          toPlain(row);
          putBytes(row, value);
          return;
        }
      }
      rememberInstance(value, id);
    }
    ids[row] = id;
  }

  /** Adds a value not seen before, or returns {@link #NULL} when it does not fit the limits. */
  private int add(Binary value) {
    byte[] copy = value.getBytes();
    if (entries == MAX_ENTRIES || bytes + copy.length > MAX_BYTES) {
      return NULL;
    }
    if (entries == values.length) {
      values = Arrays.copyOf(values, entries * 2);
      texts = Arrays.copyOf(texts, entries * 2);
    }
    values[entries] = copy;
    texts[entries] = text ? UTF8String.fromBytes(copy) : null;
    bytes += copy.length;
    byValue.put(Binary.fromConstantByteArray(copy), entries);
    return entries++;
  }

  private void rememberInstance(Binary value, int id) {
    if (byInstance == null) {
      return;
    }
    // a chunk of plain-encoded pages hands out a new instance per value: matching by identity would not pay
    if (byInstance.size() > 2 * entries + 1024) {
      byInstance = null;
    } else {
      byInstance.put(value, id);
    }
  }

  /** The file's values outgrew the dictionary: the rows of this batch before {@code row} become plain ones. */
  private void toPlain(int row) {
    for (int i = 0; i < row; i++) {
      if (ids[i] == NULL) {
        plain.putNull(i);
      } else {
        byte[] v = values[ids[i]];
        plain.putByteArray(i, v, 0, v.length);
      }
    }
    dictionary = false;
    byValue = null;
    byInstance = null;
    values = null;
    texts = null;
  }

  private void putBytes(int row, Binary value) {
    ColumnDecoder.putBytes(plain, row, value);
  }

  /** Spark calls this after each batch; the vector serves the next batch of the file. */
  @Override
  public void closeIfFreeable() {}

  @Override
  public void close() {
    plain.close();
  }

  @Override
  public boolean hasNull() {
    return numNulls > 0;
  }

  @Override
  public int numNulls() {
    return numNulls;
  }

  @Override
  public boolean isNullAt(int rowId) {
    return dictionary ? ids[rowId] == NULL : plain.isNullAt(rowId);
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    if (!dictionary) {
      return plain.getUTF8String(rowId);
    }
    int id = ids[rowId];
    return id == NULL ? null : texts[id];
  }

  @Override
  public byte[] getBinary(int rowId) {
    if (!dictionary) {
      return plain.getBinary(rowId);
    }
    int id = ids[rowId];
    return id == NULL ? null : values[id];
  }

  @Override
  public boolean getBoolean(int rowId) {
    throw unsupported();
  }

  @Override
  public byte getByte(int rowId) {
    throw unsupported();
  }

  @Override
  public short getShort(int rowId) {
    throw unsupported();
  }

  @Override
  public int getInt(int rowId) {
    throw unsupported();
  }

  @Override
  public long getLong(int rowId) {
    throw unsupported();
  }

  @Override
  public float getFloat(int rowId) {
    throw unsupported();
  }

  @Override
  public double getDouble(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnarMap getMap(int ordinal) {
    throw unsupported();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw unsupported();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw unsupported();
  }

  private UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("A " + type.simpleString() + " column holds no other values");
  }
}
