package dev.snaplog.core.data;

import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.types.TypeId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * The values of one int, long, float, double, date, time or timestamp column in the current row group of a
 * {@link ColumnarFileReader}, decoded a page at a time into a primitive array, for callers that look at every value
 * of a column (an upsert matching keys, an engine filling a vector, the row reader). Made by
 * {@link ColumnarFileReader#bulkReader(int)}.
 *
 * <p>Values come as the column's type in the projection ({@link #kind()}): an int column widened to long since
 * the file was written reads as longs, a float column widened to double as doubles, equal to what
 * {@link ColumnarFileReader#value} returns for each row. Dates come as the ints Parquet holds (days since
 * 1970-01-01), times and timestamps as its longs (microseconds of the day, since the epoch); a date widened to a
 * timestamp is not read in bulk. Plain and dictionary-encoded pages (data pages of
 * version 1 and 2) are decoded in bulk: definition levels with Parquet's run-length/bit-packing decoder, plain
 * values through a little-endian view of the page, dictionary ids with the same decoder and looked up in the
 * chunk's dictionary. A page in any other encoding (delta encodings, byte-stream split) is read value by value
 * through Parquet's column reader instead, with the same result.
 *
 * <p>Each {@link #nextPage()} overwrites the arrays of the page before: read what a page holds before moving on.
 * Not thread-safe.
 */
public final class BulkColumnReader {
  /** The Java primitive values are delivered as: the array to read. */
  public enum Kind {
    /** {@link #ints()}. */
    INT,
    /** {@link #longs()}. */
    LONG,
    /** {@link #floats()}. */
    FLOAT,
    /** {@link #doubles()}. */
    DOUBLE
  }

  private final ColumnarFileReader file;
  private final ColumnarFileReader.Column column;
  private final ColumnDescriptor descriptor;
  private final PageReader pages;
  private final Kind kind;
  private final PrimitiveTypeName physical;
  private final int maxDefinition;
  private final long expectedRows;
  /** The chunk's dictionary page: its values, plain-encoded; null when the chunk has none. */
  private final ByteBuffer dictionaryBytes;
  private final int dictionarySize;
  private final Encoding dictionaryEncoding;
  private Object dictionary; // the dictionary's values as an array of the physical type, decoded when first used
  private long rowsRead;
  private int rows;
  private int nullCount;
  private boolean bulk;
  private int capacity;
  private boolean[] nulls = new boolean[0];
  private int[] ints = new int[0];
  private long[] longs = new long[0];
  private float[] floats = new float[0];
  private double[] doubles = new double[0];

  BulkColumnReader(ColumnarFileReader file, ColumnarFileReader.Column column, PageReader pages, long rows) {
    this.file = file;
    this.column = column;
    this.descriptor = column.descriptor();
    this.pages = pages;
    this.kind = kindOf(column);
    this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
    this.maxDefinition = descriptor.getMaxDefinitionLevel();
    this.expectedRows = rows;
    try {
      DictionaryPage page = pages.readDictionaryPage();
      this.dictionaryBytes = page == null ? null : page.getBytes().toByteBuffer();
      this.dictionarySize = page == null ? 0 : page.getDictionarySize();
      this.dictionaryEncoding = page == null ? null : page.getEncoding();
    } catch (IOException | RuntimeException e) {
      throw file.corrupt(e instanceof RuntimeException r ? r : new ParquetDecodingException(e));
    }
  }

  /**
   * True if the column can be read in bulk: the file holds it, as an int, long, float or double column read as
   * that type or widened (int to long, float to double), or as a date, time, timestamp or timestamptz column read
   * as that same type.
   */
  public static boolean supports(ColumnarFileReader.Column column) {
    if (!column.inFile()) {
      return false;
    }
    TypeId held = column.fileType().id();
    TypeId read = column.field().type().id();
    return switch (held) {
      case INT -> read == TypeId.INT || read == TypeId.LONG;
      case LONG -> read == TypeId.LONG;
      case FLOAT -> read == TypeId.FLOAT || read == TypeId.DOUBLE;
      case DOUBLE -> read == TypeId.DOUBLE;
      // held as Parquet ints (days) and longs (microseconds): read as those numbers, not widened
      case DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> read == held;
      default -> false;
    };
  }

  private static Kind kindOf(ColumnarFileReader.Column column) {
    return switch (column.field().type().id()) {
      case INT, DATE -> Kind.INT;
      case LONG, TIME, TIMESTAMP, TIMESTAMPTZ -> Kind.LONG;
      case FLOAT -> Kind.FLOAT;
      case DOUBLE -> Kind.DOUBLE;
      default -> throw new IllegalArgumentException("Column '" + column.field().name() + "' of type "
          + column.field().type() + " is not read in bulk");
    };
  }

  /** The array this reader fills. */
  public Kind kind() {
    return kind;
  }

  /**
   * Decodes the next page of the column chunk.
   *
   * @return false when the row group's pages are all read
   * @throws CorruptTableException if a page cannot be decoded or the pages hold fewer or more rows than the row
   *     group
   */
  public boolean nextPage() {
    try {
      DataPage page = pages.readPage();
      if (page == null) {
        if (rowsRead != expectedRows) {
          throw new ParquetDecodingException("column '" + column.field().name() + "' has " + rowsRead
              + " values in a row group of " + expectedRows + " rows");
        }
        rows = 0;
        nullCount = 0;
        return false;
      }
      int n = page.getValueCount();
      if (n < 0 || rowsRead + n > expectedRows) {
        throw new ParquetDecodingException("column '" + column.field().name() + "' has more values than the "
            + expectedRows + " rows of its row group");
      }
      ensureCapacity(n);
      rows = n;
      bulk = decodesInBulk(page);
      if (bulk) {
        decode(page);
      } else {
        readValueByValue(page);
      }
      rowsRead += n;
      return true;
    } catch (IOException | RuntimeException e) {
      if (e instanceof CorruptTableException c) {
        throw c;
      }
      throw file.corrupt(e instanceof RuntimeException r ? r : new ParquetDecodingException(e));
    }
  }

  /** The rows of the current page. */
  public int rows() {
    return rows;
  }

  /** How many rows of the current page are null. */
  public int nullCount() {
    return nullCount;
  }

  /** True if row {@code i} of the current page is null (its slot in the value array then holds zero). */
  public boolean isNull(int i) {
    return nullCount > 0 && nulls[i];
  }

  /** True if the current page was decoded in bulk; false if its encoding is one read value by value. */
  public boolean pageDecodedInBulk() {
    return bulk;
  }

  /** The current page's values, rows {@code 0..rows()-1}, when {@link #kind()} is INT. */
  public int[] ints() {
    return ints;
  }

  /** The current page's values, rows {@code 0..rows()-1}, when {@link #kind()} is LONG. */
  public long[] longs() {
    return longs;
  }

  /** The current page's values, rows {@code 0..rows()-1}, when {@link #kind()} is FLOAT. */
  public float[] floats() {
    return floats;
  }

  /** The current page's values, rows {@code 0..rows()-1}, when {@link #kind()} is DOUBLE. */
  public double[] doubles() {
    return doubles;
  }

  private void ensureCapacity(int n) {
    if (capacity < n) {
      capacity = n;
      if (maxDefinition > 0) { // a required column has no nulls to mark
        nulls = new boolean[n];
      }
      switch (kind) {
        case INT -> ints = new int[n];
        case LONG -> longs = new long[n];
        case FLOAT -> floats = new float[n];
        case DOUBLE -> doubles = new double[n];
      }
      if (physical == PrimitiveTypeName.INT32 && kind == Kind.LONG) {
        ints = new int[n]; // decoded as the file holds them, then widened
      } else if (physical == PrimitiveTypeName.FLOAT && kind == Kind.DOUBLE) {
        floats = new float[n];
      }
    }
  }

  private boolean decodesInBulk(DataPage page) {
    Encoding values;
    if (page instanceof DataPageV1 v1) {
      if (maxDefinition > 0 && v1.getDlEncoding() != Encoding.RLE) {
        return false;
      }
      values = v1.getValueEncoding();
    } else if (page instanceof DataPageV2 v2) {
      if (v2.isCompressed()) {
        return false;
      }
      values = v2.getDataEncoding();
    } else {
      return false;
    }
    // a dictionary page holds its values plain in both page versions, whatever name its encoding goes by
    boolean plainDictionary = dictionaryEncoding == Encoding.PLAIN_DICTIONARY || dictionaryEncoding == Encoding.PLAIN;
    boolean wholeNumbers = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64;
    return values == Encoding.PLAIN
        || (plainDictionary && (values == Encoding.PLAIN_DICTIONARY || values == Encoding.RLE_DICTIONARY))
        || (wholeNumbers && values == Encoding.DELTA_BINARY_PACKED);
  }

  private void decode(DataPage page) throws IOException {
    ByteBuffer levels;
    ByteBuffer data;
    Encoding encoding;
    if (page instanceof DataPageV1 v1) {
      ByteBuffer all = v1.getBytes().toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
      if (maxDefinition > 0) { // flat columns have no repetition levels; definition levels carry their length
        int length = all.getInt(0);
        if (length < 0 || length > all.remaining() - 4) {
          throw new ParquetDecodingException("definition levels of " + length + " bytes in a page of "
              + all.remaining());
        }
        levels = all.slice(4, length);
        data = all.slice(4 + length, all.remaining() - 4 - length);
      } else {
        levels = null;
        data = all;
      }
      encoding = v1.getValueEncoding();
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      levels = maxDefinition > 0 ? v2.getDefinitionLevels().toByteBuffer() : null;
      data = v2.getData().toByteBuffer();
      encoding = v2.getDataEncoding();
    }
    int present = levels == null ? rows : readDefinitionLevels(levels);
    nullCount = rows - present;
    if (encoding == Encoding.PLAIN) {
      readPlain(data, present);
    } else if (encoding == Encoding.DELTA_BINARY_PACKED) {
      readDeltas(data, present);
    } else {
      readDictionaryIds(data, present);
    }
    spread(present);
  }

  /** Marks the nulls of the page; returns how many values it holds. */
  private int readDefinitionLevels(ByteBuffer levels) throws IOException {
    RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(
        BytesUtils.getWidthFromMaxInt(maxDefinition), ByteBufferInputStream.wrap(levels));
    int present = 0;
    for (int i = 0; i < rows; i++) {
      boolean isNull = decoder.readInt() != maxDefinition;
      nulls[i] = isNull;
      present += isNull ? 0 : 1;
    }
    return present;
  }

  /** Reads {@code count} plain values into the front of the page's array. */
  private void readPlain(ByteBuffer data, int count) {
    ByteBuffer le = data.slice().order(ByteOrder.LITTLE_ENDIAN);
    int width = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.FLOAT ? 4 : 8;
    if ((long) count * width > le.remaining()) {
      throw new ParquetDecodingException("page holds " + le.remaining() + " bytes of values, " + count
          + " values of " + width + " bytes expected");
    }
    switch (physical) {
      case INT32 -> le.asIntBuffer().get(ints, 0, count);
      case INT64 -> le.asLongBuffer().get(longs, 0, count);
      case FLOAT -> le.asFloatBuffer().get(floats, 0, count);
      case DOUBLE -> le.asDoubleBuffer().get(doubles, 0, count);
      default -> throw new IllegalStateException(physical + " is not read in bulk");
    }
  }

  /**
   * Reads {@code count} delta-encoded whole numbers into the front of the page's array. Parquet's reader
   * unpacks the whole page when it opens it, so taking the values one by one costs an array read each.
   */
  private void readDeltas(ByteBuffer data, int count) throws IOException {
    DeltaBinaryPackingValuesReader reader = new DeltaBinaryPackingValuesReader();
    reader.initFromPage(count, ByteBufferInputStream.wrap(data.slice()));
    if (physical == PrimitiveTypeName.INT32) {
      for (int i = 0; i < count; i++) {
        ints[i] = reader.readInteger();
      }
    } else {
      for (int i = 0; i < count; i++) {
        longs[i] = reader.readLong();
      }
    }
  }

  /** Reads {@code count} dictionary ids and puts their values into the front of the page's array. */
  private void readDictionaryIds(ByteBuffer data, int count) throws IOException {
    if (count == 0) {
      return; // a page of nulls may have no ids at all
    }
    ByteBuffer ids = data.slice();
    int bitWidth = ids.get() & 0xff;
    if (bitWidth > 32) {
      throw new ParquetDecodingException("dictionary ids of " + bitWidth + " bits");
    }
    RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(bitWidth,
        ByteBufferInputStream.wrap(ids));
    Object values = dictionary();
    switch (physical) {
      case INT32 -> {
        int[] dict = (int[]) values;
        for (int i = 0; i < count; i++) {
          ints[i] = dict[checked(decoder.readInt(), dict.length)];
        }
      }
      case INT64 -> {
        long[] dict = (long[]) values;
        for (int i = 0; i < count; i++) {
          longs[i] = dict[checked(decoder.readInt(), dict.length)];
        }
      }
      case FLOAT -> {
        float[] dict = (float[]) values;
        for (int i = 0; i < count; i++) {
          floats[i] = dict[checked(decoder.readInt(), dict.length)];
        }
      }
      case DOUBLE -> {
        double[] dict = (double[]) values;
        for (int i = 0; i < count; i++) {
          doubles[i] = dict[checked(decoder.readInt(), dict.length)];
        }
      }
      default -> throw new IllegalStateException(physical + " is not read in bulk");
    }
  }

  private static int checked(int id, int size) {
    if (id < 0 || id >= size) {
      throw new ParquetDecodingException("dictionary id " + id + " in a dictionary of " + size + " values");
    }
    return id;
  }

  /** The dictionary's values, read from its page in one bulk get of a little-endian view. */
  private Object dictionary() {
    if (dictionary == null) {
      ByteBuffer le = dictionaryBytes.duplicate().slice().order(ByteOrder.LITTLE_ENDIAN);
      int width = physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.FLOAT ? 4 : 8;
      if (dictionarySize < 0 || (long) dictionarySize * width > le.remaining()) {
        throw new ParquetDecodingException("dictionary page holds " + le.remaining() + " bytes, " + dictionarySize
            + " values of " + width + " bytes expected");
      }
      switch (physical) {
        case INT32 -> {
          int[] a = new int[dictionarySize];
          le.asIntBuffer().get(a);
          dictionary = a;
        }
        case INT64 -> {
          long[] a = new long[dictionarySize];
          le.asLongBuffer().get(a);
          dictionary = a;
        }
        case FLOAT -> {
          float[] a = new float[dictionarySize];
          le.asFloatBuffer().get(a);
          dictionary = a;
        }
        case DOUBLE -> {
          double[] a = new double[dictionarySize];
          le.asDoubleBuffer().get(a);
          dictionary = a;
        }
        default -> throw new IllegalStateException(physical + " is not read in bulk");
      }
    }
    return dictionary;
  }

  /**
   * Moves the {@code present} values decoded into the front of the physical array to their rows (nulls take
   * slots of zero), widening into the array of {@link #kind()} where the file holds a narrower type. Goes from
   * the last row back, so values can move within one array.
   */
  private void spread(int present) {
    boolean widen = (physical == PrimitiveTypeName.INT32 && kind == Kind.LONG)
        || (physical == PrimitiveTypeName.FLOAT && kind == Kind.DOUBLE);
    if (nullCount == 0 && !widen) {
      return;
    }
    int v = present - 1;
    for (int i = rows - 1; i >= 0; i--) {
      boolean isNull = nullCount > 0 && nulls[i];
      switch (kind) {
        case INT -> ints[i] = isNull ? 0 : ints[v];
        case LONG -> longs[i] = isNull ? 0 : (widen ? ints[v] : longs[v]);
        case FLOAT -> floats[i] = isNull ? 0 : floats[v];
        case DOUBLE -> doubles[i] = isNull ? 0 : (widen ? floats[v] : doubles[v]);
      }
      v -= isNull ? 0 : 1;
    }
  }

  /** Reads a page Parquet's column reader decodes, one value at a time, into the page's arrays. */
  private void readValueByValue(DataPage page) {
    DictionaryPage dictionaryPage = dictionaryBytes == null ? null
        : new DictionaryPage(BytesInput.from(dictionaryBytes.duplicate()), dictionarySize, dictionaryEncoding);
    ColumnReader r = file.perValueReader(descriptor, new OnePage(dictionaryPage, page));
    int count = 0;
    for (int i = 0; i < rows; i++) {
      boolean isNull = r.getCurrentDefinitionLevel() != maxDefinition;
      if (isNull) {
        nulls[i] = true;
        count++;
      } else if (maxDefinition > 0) {
        nulls[i] = false;
      }
      switch (kind) {
        case INT -> ints[i] = isNull ? 0 : r.getInteger();
        case LONG -> longs[i] = isNull ? 0 : physical == PrimitiveTypeName.INT32 ? r.getInteger() : r.getLong();
        case FLOAT -> floats[i] = isNull ? 0 : r.getFloat();
        case DOUBLE -> doubles[i] = isNull ? 0 : physical == PrimitiveTypeName.FLOAT ? r.getFloat() : r.getDouble();
      }
      r.consume();
    }
    nullCount = count;
  }

  /** One data page, with the chunk's dictionary, as a page reader for Parquet's column reader. */
  private static final class OnePage implements PageReader {
    private final DictionaryPage dictionary;
    private final long values;
    private DataPage page;

    OnePage(DictionaryPage dictionary, DataPage page) {
      this.dictionary = dictionary;
      this.values = page.getValueCount();
      this.page = page;
    }

    @Override
    public DictionaryPage readDictionaryPage() {
      return dictionary;
    }

    @Override
    public long getTotalValueCount() {
      return values;
    }

    @Override
    public DataPage readPage() {
      DataPage p = page;
      page = null;
      return p;
    }
  }
}
