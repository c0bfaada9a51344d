package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File stats (collected while writing) and row-group stats (decoded from Parquet's footer) against stats
 * computed here independently: UTF-8 byte order for strings, unsigned bytes for binary and UUIDs, natural
 * order otherwise, NaN left out.
 */
class ParquetStatsTest {
  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  @Test
  void fileStatsAreExactForEveryType() {
    List<Record> rows = AllTypes.rows(3_000, 99);
    DataFile file = write("all.parquet", AllTypes.SCHEMA, rows, WriteOptions.defaults());

    Map<Integer, ColumnStats> expected = expectedStats(AllTypes.SCHEMA, rows);
    assertThat(file.columnStats()).isEqualTo(expected);
    // sanity of the oracle itself: the all-null column, and a column known to hold both extremes
    assertThat(expected.get(18)).isEqualTo(new ColumnStats(rows.size(), null, null));
    assertThat(expected.get(4)).isEqualTo(new ColumnStats(
        rows.stream().filter(r -> r.get("l") == null).count(), Long.MIN_VALUE, Long.MAX_VALUE));
  }

  @Test
  void rowGroupStatsDecodedFromTheFooterAreExactPerRowGroup() throws IOException {
    List<Record> rows = AllTypes.rows(1_000, 5);
    String loc = write("groups.parquet", AllTypes.SCHEMA, rows, WriteOptions.defaults().withRowGroupRowLimit(100))
        .location();
    ParquetMetadata footer = footer(loc);
    ReadPlan plan = ReadPlan.of(footer.getFileMetaData().getSchema(), AllTypes.SCHEMA, loc);
    Set<Integer> allIds = new HashSet<>();
    AllTypes.SCHEMA.fields().forEach(f -> allIds.add(f.id()));

    assertThat(footer.getBlocks()).hasSize(10);
    for (int g = 0; g < 10; g++) {
      BlockMetaData block = footer.getBlocks().get(g);
      List<Record> slice = rows.subList(g * 100, g * 100 + 100);
      Map<Integer, ColumnStats> expected = expectedStats(AllTypes.SCHEMA, slice);
      Map<Integer, ColumnStats> actual = RowGroupStats.of(block, plan, allIds);
      for (Field f : AllTypes.SCHEMA.fields()) {
        if (hasNaN(slice, f)) {
          // Parquet drops float bounds when it saw NaN; only the null count is left to prune on
          assertThat(actual.get(f.id())).as(f.name())
              .isEqualTo(new ColumnStats(expected.get(f.id()).nullCount(), null, null));
        } else {
          assertThat(actual.get(f.id())).as(f.name() + " in row group " + g).isEqualTo(expected.get(f.id()));
        }
      }
    }
  }

  @Test
  void nanIsLeftOutOfBoundsAndAllNanOrAllNullColumnsHaveNone() {
    Schema schema = Schema.parse("f float, d double, all_nan double, all_null float");
    List<Record> rows = List.of(
        GenericRecord.of(schema, Float.NaN, 3.0, Double.NaN, null),
        GenericRecord.of(schema, 1.5f, Double.NaN, Double.NaN, null),
        GenericRecord.of(schema, -2.0f, -7.25, Double.NaN, null),
        GenericRecord.of(schema, null, null, null, null));
    DataFile file = write("nan.parquet", schema, rows, WriteOptions.defaults());

    assertThat(file.columnStats()).containsEntry(1, new ColumnStats(1, -2.0f, 1.5f))
        .containsEntry(2, new ColumnStats(1, -7.25, 3.0))
        .containsEntry(3, new ColumnStats(1, null, null))
        .containsEntry(4, new ColumnStats(4, null, null));
  }

  @Test
  void negativeZeroIsBelowPositiveZeroInBounds() {
    Schema schema = Schema.parse("up double, down double, f float");
    List<Record> rows = List.of(GenericRecord.of(schema, 0.0, -0.0, 0.0f), GenericRecord.of(schema, -0.0, 0.0, -0.0f),
        GenericRecord.of(schema, 0.0, -0.0, 0.0f));
    DataFile file = write("zeros.parquet", schema, rows, WriteOptions.defaults());

    // the order of Double.compare (and Comparators.forType): -0.0 < 0.0, whichever comes first
    for (int id = 1; id <= 2; id++) {
      ColumnStats zeros = file.columnStats().get(id);
      assertThat(zeros.min()).as("column %s", id).contains(-0.0);
      assertThat(zeros.max()).as("column %s", id).contains(0.0);
    }
    assertThat(file.columnStats().get(3)).isEqualTo(new ColumnStats(0, -0.0f, 0.0f));
  }

  @Test
  void boundsAreTheSmallestAndLargestNotTheFirstAndLast() {
    Schema schema = Schema.parse("x int not null, s string");
    List<Record> rows = List.of(GenericRecord.of(schema, 5, "m"), GenericRecord.of(schema, 1, "\uD83D\uDE00"),
        GenericRecord.of(schema, 9, "\uFFFD"), GenericRecord.of(schema, 3, "a"));
    DataFile file = write("order.parquet", schema, rows, WriteOptions.defaults());

    ColumnStats x = file.columnStats().get(1);
    assertThat(x.min()).contains(1);
    assertThat(x.max()).contains(9);
    // U+1F600 is above U+FFFD in UTF-8 (and code point) order, though below it in UTF-16 units
    assertThat(file.columnStats().get(2)).isEqualTo(new ColumnStats(0, "a", "\uD83D\uDE00"));
    assertThat(mightMatch(file, Expressions.equal("x", 0), schema)).isFalse();
    assertThat(mightMatch(file, Expressions.equal("x", 5), schema)).isTrue();
    assertThat(mightMatch(file, Expressions.greaterThan("x", 9), schema)).isFalse();
    assertThat(mightMatch(file, Expressions.lessThan("x", 1), schema)).isFalse();
    assertThat(mightMatch(file, Expressions.lessThanOrEqual("x", 1), schema)).isTrue();
  }

  private static boolean mightMatch(DataFile file, dev.snaplog.core.expressions.Expression e, Schema schema) {
    return Evaluators.mightMatch(Expressions.bind(e, schema), file.recordCount(), file.columnStats());
  }

  private DataFile write(String name, Schema schema, List<Record> rows, WriteOptions options) {
    String loc = dir.resolve(name).toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), schema, "db.stats", options)) {
      rows.forEach(w::write);
      return w.complete();
    }
  }

  private ParquetMetadata footer(String loc) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(new PureJavaCodecs()).build();
    try (ParquetFileReader r = ParquetFileReader.open(new InputFileAdapter(store.newInputFile(loc)), options)) {
      return r.getFooter();
    }
  }

  private static boolean hasNaN(List<Record> rows, Field f) {
    return rows.stream().map(r -> r.get(f.name()))
        .anyMatch(v -> v instanceof Float x && x.isNaN() || v instanceof Double y && y.isNaN());
  }

  /** The oracle: null count, and min/max under an ordering written independently of Comparators. */
  static Map<Integer, ColumnStats> expectedStats(Schema schema, List<Record> rows) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (Field f : schema.fields()) {
      long nulls = rows.stream().filter(r -> r.get(f.name()) == null).count();
      List<Object> values = new ArrayList<>();
      for (Record r : rows) {
        Object v = r.get(f.name());
        boolean nan = v instanceof Float x && x.isNaN() || v instanceof Double y && y.isNaN();
        if (v != null && !nan) {
          values.add(v);
        }
      }
      values.sort(oracleOrder());
      out.put(f.id(), new ColumnStats(nulls, values.isEmpty() ? null : values.get(0),
          values.isEmpty() ? null : values.get(values.size() - 1)));
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> oracleOrder() {
    return (a, b) -> {
      if (a instanceof String x) {
        return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
      }
      if (a instanceof ByteBuffer x) {
        return Arrays.compareUnsigned(bytes(x), bytes((ByteBuffer) b));
      }
      if (a instanceof UUID x) {
        return Arrays.compareUnsigned(ParquetValues.uuidBytes(x), ParquetValues.uuidBytes((UUID) b));
      }
      return ((Comparable) a).compareTo(b);
    };
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
