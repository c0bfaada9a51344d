package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRoundTripTest {
  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  private String location(String name) {
    return dir.resolve("data").resolve(name).toString();
  }

  private DataFile write(String location, Schema schema, List<Record> rows, WriteOptions options) {
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(location), schema, "db.t", options)) {
      rows.forEach(w::write);
      return w.complete();
    }
  }

  private List<Record> readAll(String location, Schema schema) {
    return ParquetFormat.read(store.newInputFile(location), schema, schema, Expressions.alwaysTrue()).toList();
  }

  @ParameterizedTest
  @EnumSource(WriteOptions.Compression.class)
  void everyTypeRoundTrips(WriteOptions.Compression codec) throws IOException {
    List<Record> rows = AllTypes.rows(2_000, 42);
    String loc = location("all-" + codec + ".parquet");

    DataFile file = write(loc, AllTypes.SCHEMA, rows, WriteOptions.defaults().withCompression(codec));

    assertThat(readAll(loc, AllTypes.SCHEMA)).containsExactlyElementsOf(rows);
    assertThat(file.location()).isEqualTo(loc);
    assertThat(file.format()).isEqualTo("parquet");
    assertThat(file.recordCount()).isEqualTo(rows.size());
    assertThat(file.fileSizeBytes()).isEqualTo(Files.size(Path.of(loc)));
    assertThat(footer(loc).getBlocks().get(0).getColumns().get(0).getCodec())
        .isEqualTo(CompressionCodecName.valueOf(codec.name()));
  }

  @Test
  void compressionActuallyShrinksRepetitiveData() {
    Schema schema = Schema.parse("id long not null, s string");
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 20_000; i++) {
      rows.add(GenericRecord.of(schema, i, "the same rather long text, row after row, " + (i % 3)));
    }
    long plain = write(location("plain.parquet"), schema, rows,
        WriteOptions.defaults().withCompression(WriteOptions.Compression.UNCOMPRESSED)).fileSizeBytes();
    long zstd = write(location("zstd.parquet"), schema, rows, WriteOptions.defaults()).fileSizeBytes();
    long snappy = write(location("snappy.parquet"), schema, rows,
        WriteOptions.defaults().withCompression(WriteOptions.Compression.SNAPPY)).fileSizeBytes();

    assertThat(zstd).isLessThan(plain);
    assertThat(snappy).isLessThan(plain);
    assertThat(readAll(location("zstd.parquet"), schema)).containsExactlyElementsOf(rows);
    assertThat(readAll(location("snappy.parquet"), schema)).containsExactlyElementsOf(rows);
  }

  @Test
  void manyRowGroupsKeepRowOrder() {
    List<Record> rows = AllTypes.rows(1_050, 7);
    String loc = location("groups.parquet");
    write(loc, AllTypes.SCHEMA, rows, WriteOptions.defaults().withRowGroupRowLimit(100));

    assertThat(footer(loc).getBlocks()).hasSize(11);
    assertThat(readAll(loc, AllTypes.SCHEMA)).containsExactlyElementsOf(rows);
  }

  @Test
  void smallRowGroupSizeInBytesMakesSeveralRowGroups() {
    List<Record> rows = AllTypes.rows(20_000, 3);
    String loc = location("bytes.parquet");
    write(loc, AllTypes.SCHEMA, rows, WriteOptions.defaults().withRowGroupSizeBytes(64 * 1024)
        .withPageSizeBytes(8 * 1024));

    assertThat(footer(loc).getBlocks().size()).isGreaterThan(3);
    assertThat(readAll(loc, AllTypes.SCHEMA)).containsExactlyElementsOf(rows);
  }

  @Test
  void dictionaryEncodedValuesAreIndependentPerRow() {
    Schema schema = Schema.parse("id long not null, b binary, s string");
    List<Record> rows = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      rows.add(GenericRecord.of(schema, i, new byte[] {(byte) (i % 2), 7}, "v" + (i % 2)));
    }
    String loc = location("dict.parquet");
    write(loc, schema, rows, WriteOptions.defaults());
    List<Record> back = readAll(loc, schema);

    assertThat(footer(loc).getBlocks().get(0).getColumns().get(1).hasDictionaryPage()).isTrue();
    assertThat(back).containsExactlyElementsOf(rows);
    ((ByteBuffer) back.get(0).get("b")).get(); // moving one row's buffer must not move another's
    assertThat(((ByteBuffer) back.get(2).get("b")).remaining()).isEqualTo(2);
  }

  @Test
  void emptyFileHasNoRowsAndEmptyStats() {
    String loc = location("empty.parquet");
    DataFile file = write(loc, AllTypes.SCHEMA, List.of(), WriteOptions.defaults());

    assertThat(file.recordCount()).isZero();
    assertThat(file.columnStats().get(1).nullCount()).isZero();
    assertThat(file.columnStats().get(1).min()).isEmpty();
    assertThat(readAll(loc, AllTypes.SCHEMA)).isEmpty();
  }

  @Test
  void footerCarriesFieldIdsAndLogicalTypes() {
    String loc = location("types.parquet");
    write(loc, AllTypes.SCHEMA, AllTypes.rows(10, 1), WriteOptions.defaults());
    MessageType schema = footer(loc).getFileMetaData().getSchema();

    for (Field f : AllTypes.SCHEMA.fields()) {
      assertThat(schema.getType(f.name()).getId().intValue()).isEqualTo(f.id());
      assertThat(schema.getType(f.name()).getRepetition())
          .isEqualTo(f.required() ? Repetition.REQUIRED : Repetition.OPTIONAL);
    }
    assertColumn(schema, "flag", PrimitiveTypeName.BOOLEAN, null);
    assertColumn(schema, "i", PrimitiveTypeName.INT32, null);
    assertColumn(schema, "l", PrimitiveTypeName.INT64, null);
    assertColumn(schema, "f", PrimitiveTypeName.FLOAT, null);
    assertColumn(schema, "d", PrimitiveTypeName.DOUBLE, null);
    assertColumn(schema, "dec9", PrimitiveTypeName.INT32, LogicalTypeAnnotation.decimalType(2, 9));
    assertColumn(schema, "dec18", PrimitiveTypeName.INT64, LogicalTypeAnnotation.decimalType(6, 18));
    assertColumn(schema, "dec38", PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY,
        LogicalTypeAnnotation.decimalType(10, 38));
    assertThat(schema.getType("dec38").asPrimitiveType().getTypeLength()).isEqualTo(16);
    assertColumn(schema, "s", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertColumn(schema, "b", PrimitiveTypeName.BINARY, null);
    assertColumn(schema, "date", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
    assertColumn(schema, "time", PrimitiveTypeName.INT64, LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS));
    assertColumn(schema, "ts", PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS));
    assertColumn(schema, "tstz", PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
    assertColumn(schema, "u", PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, LogicalTypeAnnotation.uuidType());
    assertThat(schema.getType("u").asPrimitiveType().getTypeLength()).isEqualTo(16);
  }

  @Test
  void decimalWidthsFollowPrecision() {
    assertThat(ParquetTypes.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetTypes.decimalBytes(38)).isEqualTo(16);
    for (int p = 1; p <= Type.MAX_DECIMAL_PRECISION; p++) {
      int bytes = ParquetTypes.decimalBytes(p);
      java.math.BigInteger max = java.math.BigInteger.TEN.pow(p).subtract(java.math.BigInteger.ONE);
      assertThat(max.bitLength() + 1).isLessThanOrEqualTo(bytes * 8);
      assertThat(max.bitLength() + 1).isGreaterThan((bytes - 1) * 8);
    }
  }

  private static void assertColumn(MessageType schema, String name, PrimitiveTypeName physical,
      LogicalTypeAnnotation logical) {
    PrimitiveType t = schema.getType(name).asPrimitiveType();
    assertThat(t.getPrimitiveTypeName()).as(name).isEqualTo(physical);
    assertThat(t.getLogicalTypeAnnotation()).as(name).isEqualTo(logical);
  }

  private ParquetMetadata footer(String loc) {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(new PureJavaCodecs()).build();
    try (ParquetFileReader r = ParquetFileReader.open(new InputFileAdapter(store.newInputFile(loc)), options)) {
      return r.getFooter();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
