package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk decoding against the value-by-value path it replaces: for every row of every column, the value (or null)
 * {@link BulkColumnReader} gives equals what {@link ColumnarFileReader#value} gives, and both equal the row
 * written. Files cover plain and dictionary pages, a chunk that falls back from dictionary to plain, nulls,
 * several row groups and pages, version-2 data pages, widened columns, and encodings read value by value.
 */
class BulkColumnReaderTest {
  private static final Schema MIXED = Schema.parse("i int, l long not null, d double, f float, low int,"
      + " lowd double, many long");
  private static final int ROUNDS = Integer.getInteger("snaplog.bulk-decode.rounds", 40);
  private static final long SEED = Long.getLong("snaplog.bulk-decode.seed", 20261203L);

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();
  private int files;

  /**
   * Nulls in every optional column, two low-cardinality columns, and one whose first 2,000 rows hold 100 values
   * and the rest distinct values: its dictionary is used for the first pages, then outgrows its limit, and the
   * chunk goes on in another encoding.
   */
  private static List<Record> mixedRows(int count) {
    List<Record> rows = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      rows.add(GenericRecord.of(MIXED, n % 5 == 0 ? null : n * 7 - 3000, (long) n * 1_000_003L - (1L << 40),
          n % 3 == 0 ? null : n * 0.25 - 17, n % 4 == 1 ? null : (float) (n / 3.0), n % 11 == 0 ? null : n % 9,
          n % 6 == 0 ? Double.NaN : n % 6 - 0.0, n % 13 == 0 ? null : n < 2000 ? n % 100 * 31L : n * 31L));
    }
    return rows;
  }

  @Test
  void plainDeltaAndDictionaryPagesOfEveryTypeReadAsValueByValue() throws IOException {
    List<Record> rows = mixedRows(5000);
    // 1 KB pages and dictionaries: many pages, and the distinct values outgrow the dictionary early in a chunk
    String loc = write(MIXED, rows, WriteOptions.defaults().withPageSizeBytes(1024).withRowGroupRowLimit(2500));
    // whole numbers fall back from a dictionary to deltas, other columns to plain values
    assertThat(chunkEncodings(loc, "many")).contains(Encoding.DELTA_BINARY_PACKED, Encoding.RLE_DICTIONARY);
    assertThat(chunkEncodings(loc, "l")).contains(Encoding.DELTA_BINARY_PACKED);
    assertThat(chunkEncodings(loc, "d")).contains(Encoding.PLAIN).doesNotContain(Encoding.DELTA_BINARY_PACKED);
    assertThat(chunkEncodings(loc, "low")).contains(Encoding.RLE_DICTIONARY)
        .doesNotContain(Encoding.DELTA_BINARY_PACKED);
    assertThat(rowGroups(loc)).isEqualTo(2);

    Decoded bulk = readInBulk(loc, MIXED, MIXED);
    assertSame(bulk.columns, "", readValueByValue(loc, MIXED, MIXED));
    assertSame(bulk.columns, "", expected(rows, MIXED, MIXED));
    assertThat(bulk.pagesInBulk).isGreaterThan(2L * MIXED.size());
    assertThat(bulk.pagesByValue).isZero();
  }

  @Test
  void widenedColumnsReadAsTheirNewType() throws IOException {
    List<Record> rows = mixedRows(700);
    String loc = write(MIXED, rows, WriteOptions.defaults().withPageSizeBytes(512).withRowGroupRowLimit(300));
    Schema widened = new Schema(1, List.of(MIXED.fields().get(0).withType(Type.LONG), MIXED.fields().get(3)
        .withType(Type.DOUBLE), MIXED.fields().get(4).withType(Type.LONG)));
    Decoded bulk = readInBulk(loc, widened, widened);
    assertThat(bulk.kinds).containsExactly(BulkColumnReader.Kind.LONG, BulkColumnReader.Kind.DOUBLE,
        BulkColumnReader.Kind.LONG);
    assertSame(bulk.columns, "", readValueByValue(loc, widened, widened));
    assertSame(bulk.columns, "", expected(rows, MIXED, widened));
    assertThat(bulk.columns.get(0).get(1)).isEqualTo(7L - 3000);
  }

  @Test
  void pagesOfOtherEncodingsAreReadValueByValueWithTheSameResult() throws IOException {
    List<Record> rows = mixedRows(3000);
    // version-2 pages: dictionaries that fall back to delta encodings mid-chunk (of byte arrays too), plain
    // floating point
    String v2 = writeWith(MIXED, rows, ParquetProperties.builder().withWriterVersion(WriterVersion.PARQUET_2_0)
        .withPageSize(1024).withDictionaryPageSize(1024).withPageRowCountLimit(200).withRowGroupRowCountLimit(3000)
        .build(), CompressionCodecName.ZSTD);
    assertThat(chunkEncodings(v2, "many")).contains(Encoding.DELTA_BINARY_PACKED, Encoding.RLE_DICTIONARY);
    Decoded bulk = readInBulk(v2, MIXED, MIXED);
    assertSame(bulk.columns, "", readValueByValue(v2, MIXED, MIXED));
    assertSame(bulk.columns, "", expected(rows, MIXED, MIXED));
    assertThat(bulk.pagesInBulk).isPositive();
    assertThat(bulk.pagesByValue).as("delta pages are decoded in bulk too").isZero();

    // version-1 pages with floating point split by byte, uncompressed
    String split = writeWith(MIXED, rows, ParquetProperties.builder().withByteStreamSplitEncoding(true)
        .withDictionaryEncoding(false).withPageRowCountLimit(500).build(), CompressionCodecName.UNCOMPRESSED);
    assertThat(chunkEncodings(split, "d")).contains(Encoding.BYTE_STREAM_SPLIT);
    Decoded splitBulk = readInBulk(split, MIXED, MIXED);
    assertSame(splitBulk.columns, "", expected(rows, MIXED, MIXED));
    assertThat(splitBulk.pagesByValue).isPositive();
    assertThat(splitBulk.pagesInBulk).isPositive(); // the int and long columns stay plain
  }

  @Test
  void randomFilesDecodeInBulkAsValueByValue() throws IOException {
    Random seeds = new Random(SEED);
    for (int round = 0; round < ROUNDS; round++) {
      long seed = seeds.nextLong();
      Random rnd = new Random(seed);
      List<Field> fields = new ArrayList<>();
      Type[] types = {Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE};
      int columns = 1 + rnd.nextInt(4);
      for (int c = 0; c < columns; c++) {
        Type t = types[rnd.nextInt(types.length)];
        fields.add(rnd.nextBoolean() ? Field.required(c + 1, "c" + c, t) : Field.optional(c + 1, "c" + c, t));
      }
      Schema schema = new Schema(0, fields);
      int rowCount = rnd.nextInt(3000);
      int[] cardinality = new int[columns];
      int[] nullEvery = new int[columns];
      for (int c = 0; c < columns; c++) {
        cardinality[c] = rnd.nextBoolean() ? 1 + rnd.nextInt(20) : Integer.MAX_VALUE;
        nullEvery[c] = !fields.get(c).required() ? 1 + rnd.nextInt(8) : 0;
      }
      List<Record> rows = new ArrayList<>();
      for (int n = 0; n < rowCount; n++) {
        Object[] values = new Object[columns];
        for (int c = 0; c < columns; c++) {
          values[c] = nullEvery[c] > 0 && rnd.nextInt(nullEvery[c]) == 0 ? null
              : randomValue(fields.get(c).type(), rnd, cardinality[c]);
        }
        rows.add(GenericRecord.of(schema, values));
      }
      ParquetProperties props = ParquetTestFiles.randomProperties(rnd);
      CompressionCodecName codec = ParquetTestFiles.randomCodec(rnd);
      String loc = writeWith(schema, rows, props, codec);
      List<Field> readFields = new ArrayList<>();
      for (Field f : fields) {
        boolean widen = rnd.nextBoolean() && (f.type() == Type.INT || f.type() == Type.FLOAT);
        readFields.add(widen ? f.withType(f.type() == Type.INT ? Type.LONG : Type.DOUBLE) : f);
      }
      Schema read = new Schema(1, readFields);
      String where = "round " + round + " (seed " + seed + ", " + rowCount + " rows, " + props.getWriterVersion()
          + ", " + codec + ")";
      Decoded bulk = readInBulk(loc, read, read);
      assertSame(bulk.columns, where, readValueByValue(loc, read, read));
      assertSame(bulk.columns, where, expected(rows, schema, read));
    }
  }

  @Test
  void aColumnIsReadOneWayPerRowGroupAndOnlyIfItsTypeIsReadInBulk() {
    Schema schema = Schema.parse("id long not null, name string");
    List<Record> rows = List.of(GenericRecord.of(schema, 1L, "a"), GenericRecord.of(schema, 2L, null));
    String loc = write(schema, rows, WriteOptions.defaults().withRowGroupRowLimit(1));
    Schema evolved = new Schema(1, List.of(schema.fields().get(0), schema.fields().get(1),
        Field.optional(7, "added", Type.LONG)));
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), evolved, evolved,
        Expressions.alwaysTrue(), new ReadMetrics())) {
      assertThatThrownBy(() -> r.bulkReader(0)).isInstanceOf(IllegalStateException.class); // no row group yet
      assertThat(r.nextRowGroup()).isTrue();
      assertThatThrownBy(() -> r.bulkReader(1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'name'").hasMessageContaining("reader(int)");
      assertThatThrownBy(() -> r.bulkReader(2)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'added'");
      BulkColumnReader ids = r.bulkReader(0);
      assertThatThrownBy(() -> r.reader(0)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("read in bulk");
      assertThat(ids.nextPage()).isTrue();
      assertThat(ids.longs()[0]).isEqualTo(1L);
      assertThat(ids.nextPage()).isFalse();
      assertThat(r.nextRowGroup()).isTrue(); // a new row group: the column can be read either way again
      assertThat(r.reader(0).getLong()).isEqualTo(2L);
      assertThatThrownBy(() -> r.bulkReader(0)).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already being read");
    }
  }

  @Test
  void damagedPagesAreReportedAsACorruptFile() {
    Schema schema = Schema.parse("id long not null");
    String loc = write(schema, List.of(GenericRecord.of(schema, 1L)), WriteOptions.defaults());
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), schema, schema,
        Expressions.alwaysTrue(), new ReadMetrics())) {
      ColumnarFileReader.Column id = r.columns().get(0);
      // a page that announces ten values and holds two
      BulkColumnReader shortPage = new BulkColumnReader(r, id, chunk(plainLongs(10, 2)), 10);
      assertThatThrownBy(shortPage::nextPage).isInstanceOf(CorruptTableException.class)
          .hasMessageContaining(loc).hasMessageContaining("10 values of 8 bytes");
      // pages that end before their row group does
      BulkColumnReader missingPage = new BulkColumnReader(r, id, chunk(plainLongs(2, 2)), 5);
      assertThat(missingPage.nextPage()).isTrue();
      assertThat(missingPage.longs()[1]).isEqualTo(1L);
      assertThatThrownBy(missingPage::nextPage).isInstanceOf(CorruptTableException.class)
          .hasMessageContaining(loc).hasMessageContaining("2 values in a row group of 5 rows");
      // and pages with more rows than it
      BulkColumnReader extraPage = new BulkColumnReader(r, id, chunk(plainLongs(2, 2), plainLongs(2, 2)), 3);
      assertThat(extraPage.nextPage()).isTrue();
      assertThatThrownBy(extraPage::nextPage).isInstanceOf(CorruptTableException.class)
          .hasMessageContaining("more values than the 3 rows");
    }
  }

  /** A plain page of a required long column announcing {@code announced} values and holding 0, 1, ... */
  private static DataPageV1 plainLongs(int announced, int held) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * held).order(ByteOrder.LITTLE_ENDIAN);
    for (long v = 0; v < held; v++) {
      bytes.putLong(v);
    }
    return new DataPageV1(BytesInput.from(bytes.array()), announced, 8 * held,
        Statistics.createStats(Types.required(PrimitiveTypeName.INT64).named("id")), Encoding.RLE, Encoding.RLE,
        Encoding.PLAIN);
  }

  /** A column chunk of {@code pages} and no dictionary, as a file's row group would hand them out. */
  private static PageReader chunk(DataPage... pages) {
    ArrayDeque<DataPage> left = new ArrayDeque<>(List.of(pages));
    long values = Arrays.stream(pages).mapToLong(DataPage::getValueCount).sum();
    return new PageReader() {
      @Override
      public DictionaryPage readDictionaryPage() {
        return null;
      }

      @Override
      public long getTotalValueCount() {
        return values;
      }

      @Override
      public DataPage readPage() {
        return left.poll();
      }
    };
  }

  private static Object boxed(BulkColumnReader values, int i) {
    return switch (values.kind()) {
      case INT -> Integer.valueOf(values.ints()[i]);
      case LONG -> Long.valueOf(values.longs()[i]);
      case FLOAT -> Float.valueOf(values.floats()[i]);
      case DOUBLE -> Double.valueOf(values.doubles()[i]);
    };
  }

  /** Fails naming the first column and row where {@code actual} and {@code expected} differ. */
  private static void assertSame(List<List<Object>> actual, String where, List<List<Object>> expected) {
    assertThat(actual).as(where).hasSameSizeAs(expected);
    for (int c = 0; c < expected.size(); c++) {
      assertThat(actual.get(c)).as("%s column %s", where, c).hasSameSizeAs(expected.get(c));
      for (int i = 0; i < expected.get(c).size(); i++) {
        assertThat(actual.get(c).get(i)).as("%s column %s row %s", where, c, i).isEqualTo(expected.get(c).get(i));
      }
    }
  }

  private static Object randomValue(Type type, Random rnd, int cardinality) {
    int pick = cardinality == Integer.MAX_VALUE ? rnd.nextInt() : rnd.nextInt(cardinality);
    boolean wide = cardinality == Integer.MAX_VALUE;
    return switch (type.id()) {
      case INT -> wide ? pick : pick - 5;
      case LONG -> wide ? rnd.nextLong() : (long) pick << 33;
      case FLOAT -> wide ? (rnd.nextInt(50) == 0 ? Float.NaN : rnd.nextFloat() * 1e6f - 5e5f) : pick * 0.5f;
      case DOUBLE -> wide ? (rnd.nextInt(50) == 0 ? -0.0 : rnd.nextGaussian() * 1e9) : pick * 1.5;
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  /** What bulk decoding gave: values by column in row order, the arrays it filled, and how pages were read. */
  private record Decoded(List<List<Object>> columns, List<BulkColumnReader.Kind> kinds, long pagesInBulk,
      long pagesByValue) {}

  private Decoded readInBulk(String loc, Schema tableSchema, Schema projection) {
    List<List<Object>> columns = emptyColumns(projection);
    List<BulkColumnReader.Kind> kinds = new ArrayList<>();
    long inBulk = 0;
    long byValue = 0;
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), tableSchema, projection,
        Expressions.alwaysTrue(), new ReadMetrics())) {
      while (r.nextRowGroup()) {
        for (int c = 0; c < projection.size(); c++) {
          BulkColumnReader values = r.bulkReader(c);
          if (kinds.size() < projection.size()) {
            kinds.add(values.kind());
          }
          long rows = 0;
          while (values.nextPage()) {
            int nulls = 0;
            for (int i = 0; i < values.rows(); i++) {
              nulls += values.isNull(i) ? 1 : 0;
              columns.get(c).add(values.isNull(i) ? null : boxed(values, i));
            }
            assertThat(values.nullCount()).isEqualTo(nulls);
            rows += values.rows();
            inBulk += values.pageDecodedInBulk() ? 1 : 0;
            byValue += values.pageDecodedInBulk() ? 0 : 1;
          }
          assertThat(rows).isEqualTo(r.rowGroupRows());
        }
      }
    }
    return new Decoded(columns, kinds, inBulk, byValue);
  }

  private List<List<Object>> readValueByValue(String loc, Schema tableSchema, Schema projection) {
    List<List<Object>> columns = emptyColumns(projection);
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), tableSchema, projection,
        Expressions.alwaysTrue(), new ReadMetrics())) {
      while (r.nextRowGroup()) {
        for (int c = 0; c < projection.size(); c++) {
          ColumnarFileReader.Column column = r.columns().get(c);
          var values = r.reader(c);
          int present = values.getDescriptor().getMaxDefinitionLevel();
          for (long i = 0; i < r.rowGroupRows(); i++) {
            columns.get(c).add(values.getCurrentDefinitionLevel() == present
                ? ColumnarFileReader.value(column, values) : null);
            values.consume();
          }
        }
      }
    }
    return columns;
  }

  /** The rows written, as {@code projection} (matched by field id) reads them. */
  private static List<List<Object>> expected(List<Record> rows, Schema written, Schema projection) {
    List<List<Object>> columns = emptyColumns(projection);
    for (Record row : rows) {
      for (int c = 0; c < projection.size(); c++) {
        Field f = projection.fields().get(c);
        int pos = written.fields().indexOf(written.fields().stream().filter(w -> w.id() == f.id()).findFirst()
            .orElseThrow());
        columns.get(c).add(Promotions.promote(written.fields().get(pos).type(), f.type(), row.get(pos)));
      }
    }
    return columns;
  }

  private static List<List<Object>> emptyColumns(Schema projection) {
    List<List<Object>> columns = new ArrayList<>();
    for (int c = 0; c < projection.size(); c++) {
      columns.add(new ArrayList<>());
    }
    return columns;
  }

  private String write(Schema schema, List<Record> rows, WriteOptions options) {
    String loc = dir.resolve("f" + files++ + ".parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), schema, "db.t", options)) {
      rows.forEach(w::write);
      w.complete();
    }
    return loc;
  }

  /** A file written with Parquet properties the table writer does not set (version-2 pages, other encodings). */
  private String writeWith(Schema schema, List<Record> rows, ParquetProperties props, CompressionCodecName codec)
      throws IOException {
    String loc = dir.resolve("f" + files++ + ".parquet").toString();
    ParquetTestFiles.write(store, loc, schema, rows, props, codec);
    return loc;
  }

  private Set<Encoding> chunkEncodings(String loc, String column) throws IOException {
    return ParquetTestFiles.encodings(store, loc, column);
  }

  private int rowGroups(String loc) throws IOException {
    try (ParquetFileReader reader = ParquetFiles.open(store.newInputFile(loc))) {
      return reader.getRowGroups().size();
    }
  }
}
