package dev.snaplog.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The columnar read path against the row path: the same table read both ways (the option
 * {@code read.vectorization.enabled}) returns the same rows, with nulls, extreme values, several row groups per
 * file, batches that end inside row groups and pages, evolved schemas, deletion vectors and the metadata columns.
 */
class ColumnarReadTest {
  private static final String ALL_TYPES = "id long not null, b boolean, i int, l long, f float, d double,"
      + " dec9 decimal(9,2), dec18 decimal(18,3), dec38 decimal(38,10), s string, cat string, bin binary,"
      + " dt date, ts timestamp, tstz timestamptz, u uuid";
  private static final int ROW_GROUP_ROWS = 700;
  private static final int BATCH = 333;

  private static SparkSession spark;
  private static String ns;

  @BeforeAll
  static void start() {
    spark = SharedSpark.spark();
    ns = SharedSpark.newNamespace("columnar");
  }

  /** The rows of {@code query} over {@code table}, read in batches or a row at a time, in a stable order. */
  private static List<List<Object>> read(String table, boolean columnar, Function<Dataset<Row>, Dataset<Row>> query) {
    Dataset<Row> df = query.apply(spark.read()
        .option("read.vectorization.enabled", String.valueOf(columnar))
        .option("read.batch-size", String.valueOf(BATCH))
        .table(table));
    List<List<Object>> rows = new ArrayList<>(df.collectAsList().stream().map(ColumnarReadTest::values).toList());
    assertThat(usesBatches(df)).as("columnar plan of %s", df.queryExecution().executedPlan())
        .isEqualTo(columnar);
    rows.sort(Comparator.comparing(Object::toString));
    return rows;
  }

  private static boolean usesBatches(Dataset<Row> df) {
    return df.queryExecution().executedPlan().toString().contains("ColumnarToRow");
  }

  private static List<Object> values(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      out.add(v instanceof byte[] b ? Arrays.toString(b) : v);
    }
    return out;
  }

  /** The same rows both ways, and not none. */
  private static List<List<Object>> sameBothWays(String table, Function<Dataset<Row>, Dataset<Row>> query) {
    List<List<Object>> rows = read(table, false, query);
    assertThat(read(table, true, query)).isEqualTo(rows);
    return rows;
  }

  /** Writes {@code rows} into one data file of {@code t} with row groups of {@value #ROW_GROUP_ROWS} rows. */
  private static void appendFile(Table t, List<Record> rows) {
    appendFile(t, rows, WriteOptions.defaults().withRowGroupRowLimit(ROW_GROUP_ROWS));
  }

  private static void appendFile(Table t, List<Record> rows, WriteOptions options) {
    String location = t.location() + "/data/" + UUID.randomUUID() + ".parquet";
    AppendFiles append = t.newAppend();
    try (DataWriter writer = ParquetFormat.newWriter(SharedSpark.storage().objects().newOutputFile(location),
        t.schema(),
        t.id().toString(), options)) {
      rows.forEach(writer::write);
      append.appendFile(writer.complete());
    }
    append.commit();
  }

  private static Record row(Schema schema, long id, Random rnd) {
    if (id % 11 == 3) { // every column but the id null
      Object[] nulls = new Object[schema.size()];
      nulls[0] = id;
      return GenericRecord.of(schema, nulls);
    }
    byte[] bytes = new byte[rnd.nextInt(6)];
    rnd.nextBytes(bytes);
    return GenericRecord.of(schema, id, rnd.nextBoolean(), rnd.nextInt(), rnd.nextLong(), rnd.nextFloat() * 1e6f,
        rnd.nextGaussian() * 1e12, BigDecimal.valueOf(rnd.nextInt(1_000_000_000) - 500_000_000, 2),
        BigDecimal.valueOf(rnd.nextLong() % 1_000_000_000_000_000_000L, 3),
        new BigDecimal(new java.math.BigInteger(120, rnd), 10).negate(), "s-" + rnd.nextInt() + "-é",
        "cat" + rnd.nextInt(4), ByteBuffer.wrap(bytes), LocalDate.ofEpochDay(rnd.nextInt(40_000) - 20_000),
        LocalDateTime.of(2026, 1, 1, 0, 0).plusNanos(rnd.nextLong(1L << 50) * 1000),
        Instant.ofEpochSecond(rnd.nextInt(), rnd.nextInt(1_000_000) * 1000L), new UUID(rnd.nextLong(),
            rnd.nextLong()));
  }

  /** Rows of the smallest and largest values of each type, and the special floating-point ones. */
  private static List<Record> extremes(Schema schema) {
    return List.of(
        GenericRecord.of(schema, -1L, false, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NEGATIVE_INFINITY,
            -Double.MAX_VALUE, new BigDecimal("-9999999.99"), new BigDecimal("-999999999999999.999"),
            new BigDecimal("-9999999999999999999999999999.9999999999"), "", "", ByteBuffer.wrap(new byte[0]),
            LocalDate.of(1, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0), Instant.parse("0001-01-01T00:00:00Z"),
            new UUID(Long.MIN_VALUE, 0)),
        GenericRecord.of(schema, -2L, true, Integer.MAX_VALUE, Long.MAX_VALUE, Float.NaN, Double.MIN_VALUE,
            new BigDecimal("9999999.99"), new BigDecimal("999999999999999.999"),
            new BigDecimal("9999999999999999999999999999.9999999999"), "😀 ünïcode", "cat0",
            ByteBuffer.wrap(new byte[] {0, -1, 127, -128}), LocalDate.of(9999, 12, 31),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), Instant.parse("9999-12-31T23:59:59.999999Z"),
            new UUID(-1L, -1L)),
        GenericRecord.of(schema, -3L, null, 0, 0L, -0.0f, Double.POSITIVE_INFINITY, BigDecimal.ZERO.setScale(2),
            BigDecimal.ZERO.setScale(3), BigDecimal.ZERO.setScale(10), null, null, null, LocalDate.ofEpochDay(0),
            LocalDateTime.of(1970, 1, 1, 0, 0), Instant.EPOCH, null));
  }

  private static Table allTypesTable(String name, int rows, long seed) {
    Table t = SharedSpark.api().createTable(TableId.of(ns, name), Schema.parse(ALL_TYPES));
    Random rnd = new Random(seed);
    List<Record> records = new ArrayList<>(extremes(t.schema()));
    for (long id = 0; id < rows; id++) {
      records.add(row(t.schema(), id, rnd));
    }
    appendFile(t, records);
    return t;
  }

  @Test
  void everyTypeReadsInBatchesAsRowsReadIt() {
    // 3,003 rows: row groups of 700 and batches of 333 end at different rows, and neither divides the count
    Table t = allTypesTable("alltypes", 3000, 42);
    String name = "snaplog." + t.id();
    List<List<Object>> all = sameBothWays(name, df -> df);
    assertThat(all).hasSize(3003);
    assertThat(all.stream().filter(r -> r.get(1) == null)).hasSize(3000 / 11 + 1 + 1); // ids 3, 14, ... and -3
    List<Object> max = all.stream().filter(r -> r.get(0).equals(-2L)).findFirst().orElseThrow();
    assertThat(max.subList(1, 10)).containsExactly(true, Integer.MAX_VALUE, Long.MAX_VALUE, Float.NaN,
        Double.MIN_VALUE, new BigDecimal("9999999.99"), new BigDecimal("999999999999999.999"),
        new BigDecimal("9999999999999999999999999999.9999999999"), "😀 ünïcode");
    assertThat(max.get(15)).isEqualTo(new UUID(-1L, -1L).toString());
    // a projection in another order, a count, and filters whose stats skip row groups
    sameBothWays(name, df -> df.select("u", "dec38", "id"));
    assertThat(sameBothWays(name, df -> df.groupBy().count())).containsExactly(List.of(3003L));
    assertThat(sameBothWays(name, df -> df.where("id BETWEEN 1500 AND 1510").select("id", "s", "ts")))
        .hasSize(11);
    assertThat(sameBothWays(name, df -> df.where("cat = 'cat1'").select("id", "cat"))).isNotEmpty();
  }

  @Test
  void evolvedSchemasReadInBatchesAsRowsReadThem() {
    Table t = SharedSpark.api().createTable(TableId.of(ns, "evolved"),
        Schema.parse("id int not null, name string, n int, f float, dec decimal(9,2), day date"));
    List<Record> before = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      before.add(GenericRecord.of(t.schema(), i, "n" + i, i % 5 == 0 ? null : i * 1000, i / 4.0f,
          BigDecimal.valueOf(i * 101L, 2), LocalDate.ofEpochDay(19_000 + i)));
    }
    appendFile(t, before);
    t.updateSchema().renameColumn("name", "label").updateColumn("id", Type.LONG).updateColumn("n", Type.LONG)
        .updateColumn("f", Type.DOUBLE).updateColumn("dec", Type.decimal(20, 2)).updateColumn("day", Type.TIMESTAMP)
        .addColumn("extra", Type.STRING).addRequiredColumn("flag", Type.INT, 7).commit();
    t = SharedSpark.api().loadTable(t.id());
    List<Record> after = new ArrayList<>();
    for (long i = 1000; i < 1500; i++) {
      after.add(GenericRecord.of(t.schema(), i * 10_000_000_000L, "m" + i, i << 40, i / 3.0,
          new BigDecimal("123456789012345.67"), LocalDateTime.of(2026, 2, 3, 4, 5), "x" + i, (int) i));
    }
    appendFile(t, after);
    String name = "snaplog." + t.id();
    List<List<Object>> rows = sameBothWays(name, df -> df.select("id", "label", "n", "f", "dec", "day", "extra",
        "flag"));
    assertThat(rows).hasSize(1500);
    List<Object> old = rows.stream().filter(r -> r.get(0).equals(8L)).findFirst().orElseThrow();
    assertThat(old).containsExactly(8L, "n8", 8000L, 2.0, new BigDecimal("8.08"),
        LocalDate.ofEpochDay(19_008).atStartOfDay(), null, 7);
    assertThat(rows.stream().filter(r -> r.get(0).equals(5L)).findFirst().orElseThrow().get(2)).isNull();
    // only columns an old file lacks: constants in every batch
    assertThat(sameBothWays(name, df -> df.where("id < 1000").select("flag", "extra")))
        .hasSize(1000).allMatch(r -> r.equals(Arrays.asList(7, null)));
  }

  @Test
  void deletedRowsAndMetadataColumnsReadInBatchesAsRowsReadThem() {
    Table t = allTypesTable("deletes", 2500, 7);
    String name = "snaplog." + t.id();
    spark.sql("DELETE FROM " + name + " WHERE id % 7 = 0 OR id BETWEEN 600 AND 1500");
    assertThat(SharedSpark.api().loadTable(t.id()).newScan().planFiles().toList())
        .allMatch(task -> task.file().deletionVector().isPresent());
    List<List<Object>> rows = sameBothWays(name, df -> df.selectExpr("id", "s", "_pos", "_file"));
    List<Long> expected = new ArrayList<>(List.of(-1L, -2L, -3L));
    for (long id = 0; id < 2500; id++) {
      if (id % 7 != 0 && (id < 600 || id > 1500)) {
        expected.add(id);
      }
    }
    assertThat(rows).map(r -> (Long) r.get(0)).containsExactlyInAnyOrderElementsOf(expected);
    // the file was written as the extremes (positions 0-2) then ids in order
    assertThat(rows).allMatch(r -> (Long) r.get(2) == ((Long) r.get(0) < 0 ? -1 - (Long) r.get(0) : (Long) r.get(0) + 3));
    assertThat(rows).map(r -> r.get(3)).containsOnly(SharedSpark.dataFilesInTable(t.id()).get(0));
    assertThat(sameBothWays(name, df -> df.groupBy().count())).containsExactly(List.of((long) expected.size()));
    sameBothWays(name, df -> df);
    // a second merge-on-read delete reads positions through the batches
    spark.sql("DELETE FROM " + name + " WHERE id % 5 = 1");
    assertThat(sameBothWays(name, df -> df.select("id"))).hasSize(
        (int) expected.stream().filter(id -> id % 5 != 1).count());
  }

  private static String randomText(Random rnd, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append((char) ('a' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  /** The encodings of the values of column {@code column} in each row group of a local data file. */
  private static List<Set<Encoding>> encodings(String location, String column) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(
        location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location)))) {
      return reader.getRowGroups().stream().map(g -> g.getColumns().stream()
          .filter(c -> c.getPath().toDotString().equals(column)).findFirst().orElseThrow().getEncodings())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void dictionaryEncodedStringsReadInBatchesAsRowsReadThem() {
    Table t = SharedSpark.api().createTable(TableId.of(ns, "dictionary"),
        Schema.parse("id long not null, cat string, note string, raw binary"));
    Random rnd = new Random(11);
    List<Record> rows = new ArrayList<>();
    // one row group of 4 KiB pages: the first pages hold 200 short notes, dictionary-encoded; then distinct
    // 400-character notes overflow the chunk's 4 KiB dictionary, and the rest of the chunk (five short notes
    // from row 6,200 on) is plain-encoded
    for (long id = 0; id < 8000; id++) {
      String note = id % 13 == 5 ? null
          : id >= 6000 && id < 6200 ? randomText(rnd, 400) : "note-" + id % (id < 6000 ? 200 : 5);
      String cat = id % 7 == 2 ? null : "cat-" + rnd.nextInt(6);
      ByteBuffer raw = id % 9 == 4 ? null : ByteBuffer.wrap(new byte[] {(byte) (id % 3), -1});
      rows.add(GenericRecord.of(t.schema(), id, cat, note, raw));
    }
    appendFile(t, rows, WriteOptions.defaults().withPageSizeBytes(4096));
    String file = SharedSpark.dataFilesInTable(t.id()).get(0);
    assertThat(encodings(file, "note")).singleElement().satisfies(e -> assertThat(e).contains(Encoding.PLAIN)
        .containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY));
    // a second file of small row groups: a dictionary per chunk, the batches spanning chunks
    List<Record> more = new ArrayList<>();
    for (long id = 10_000; id < 12_000; id++) {
      more.add(GenericRecord.of(t.schema(), id, id % 5 == 0 ? null : "cat-" + id % 3, "n" + id % 4, null));
    }
    appendFile(t, more);
    String name = "snaplog." + t.id();
    List<List<Object>> all = sameBothWays(name, df -> df);
    assertThat(all).hasSize(10_000);
    assertThat(all.stream().filter(r -> r.get(0).equals(6001L)).findFirst().orElseThrow().get(2))
        .asString().hasSize(400);
    assertThat(all.stream().filter(r -> r.get(0).equals(7001L)).findFirst().orElseThrow().get(2))
        .isEqualTo("note-1");
    assertThat(sameBothWays(name, df -> df.groupBy("cat").count())).hasSize(7);
    assertThat(sameBothWays(name, df -> df.selectExpr("max(cat)", "min(note)", "count(note)", "count(raw)")))
        .singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("cat-5"));
    assertThat(sameBothWays(name, df -> df.where("cat = 'cat-1'").select("id", "cat", "raw"))).isNotEmpty();

    // deleted rows in dictionary-encoded and fallen-back pages and chunks, then a column added later
    spark.sql("DELETE FROM " + name + " WHERE id % 4 = 1 OR id BETWEEN 6190 AND 6210"
        + " OR id BETWEEN 11100 AND 11200");
    t.updateSchema().addColumn("added", Type.STRING).commit();
    t = SharedSpark.api().loadTable(t.id());
    List<Record> later = new ArrayList<>();
    for (long id = 20_000; id < 20_500; id++) {
      later.add(GenericRecord.of(t.schema(), id, "cat-" + id % 2, null, null, id % 3 == 0 ? null : "new-" + id % 2));
    }
    appendFile(t, later);
    List<List<Object>> live = sameBothWays(name, df -> df.selectExpr("id", "cat", "note", "raw", "added", "_pos"));
    assertThat(live).map(r -> (Long) r.get(0)).doesNotContain(1L, 6200L, 11_150L)
        .contains(0L, 6188L, 6211L, 20_001L);
    assertThat(live.stream().filter(r -> (Long) r.get(0) < 20_000)).allMatch(r -> r.get(4) == null);
    assertThat(live.stream().filter(r -> r.get(0).equals(20_002L)).findFirst().orElseThrow().get(4))
        .isEqualTo("new-0");
    assertThat(sameBothWays(name, df -> df.groupBy("added").count())).hasSize(3);
  }

  /** How many data pages each row group holds of column {@code column} of a local data file. */
  private static List<Integer> pageCounts(String location, String column) {
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(
        location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location)))) {
      List<Integer> counts = new ArrayList<>();
      for (var group : reader.getRowGroups()) {
        var chunk = group.getColumns().stream().filter(c -> c.getPath().toDotString().equals(column)).findFirst()
            .orElseThrow();
        counts.add(reader.readOffsetIndex(chunk).getPageCount());
      }
      return counts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void numericColumnsReadPageByPageInBatchesAsRowsReadThem() {
    Table t = SharedSpark.api().createTable(TableId.of(ns, "numeric"), Schema.parse(
        "id long not null, l long, i int, f float, d double, few long, n int, g float, day date"));
    Random rnd = new Random(3);
    List<Record> rows = new ArrayList<>();
    // 1 KiB pages: a few hundred longs a page, so batches of 333 rows span pages and pages span batches; row groups
    // of 1,500 rows; nulls alone, in runs, and a whole stretch of pages of them (l for ids 2,000-2,399); random
    // values make plain pages; l's first 300 values of each row group are few, its later ones random, outgrowing the
    // 1 KiB dictionary: each of its chunks holds dictionary-encoded then plain pages
    for (long id = 0; id < 5000; id++) {
      boolean gap = id >= 2000 && id < 2400;
      rows.add(GenericRecord.of(t.schema(), id, gap || id % 7 == 1 ? null : id % 1500 < 300 ? id % 6 : rnd.nextLong(),
          id % 5 == 2 ? null : rnd.nextInt(), id % 50 < 10 ? null : rnd.nextFloat() * 1e6f,
          id % 13 == 4 ? null : rnd.nextGaussian() * 1e12, id % 9 == 0 ? null : id % 4 - 2L,
          id % 3 == 0 ? null : (int) id * 1000, id % 8 == 0 ? null : id / 4.0f,
          id % 11 == 0 ? null : LocalDate.ofEpochDay(id - 2500)));
    }
    appendFile(t, rows, WriteOptions.defaults().withRowGroupRowLimit(1500).withPageSizeBytes(1024));
    String file = SharedSpark.dataFilesInTable(t.id()).get(0);
    assertThat(pageCounts(file, "l")).hasSize(4).allMatch(pages -> pages >= 3);
    assertThat(encodings(file, "l").get(0)).contains(Encoding.PLAIN)
        .containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    assertThat(encodings(file, "few")).allSatisfy(e -> assertThat(e)
        .containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY));
    // widened since: the old file's values read as long, double and timestamp; a new file holds them as such
    t.updateSchema().updateColumn("n", Type.LONG).updateColumn("g", Type.DOUBLE).updateColumn("day", Type.TIMESTAMP)
        .commit();
    t = SharedSpark.api().loadTable(t.id());
    List<Record> later = new ArrayList<>();
    for (long id = 10_000; id < 11_000; id++) {
      later.add(GenericRecord.of(t.schema(), id, id, (int) id, null, id * 0.5, id % 2, id % 3 == 0 ? null : id << 33,
          id / 3.0, LocalDateTime.of(2026, 3, 4, 5, 6).plusSeconds(id)));
    }
    appendFile(t, later, WriteOptions.defaults().withRowGroupRowLimit(600).withPageSizeBytes(1024));
    String name = "snaplog." + t.id();
    List<List<Object>> all = sameBothWays(name, df -> df);
    assertThat(all).hasSize(6000);
    List<Object> widened = all.stream().filter(r -> r.get(0).equals(2002L)).findFirst().orElseThrow();
    assertThat(widened.subList(1, 4)).containsOnlyNulls();
    assertThat(widened.subList(5, 9)).containsExactly(0L, 2_002_000L, 500.5, null);
    assertThat(all.stream().filter(r -> r.get(0).equals(2005L)).findFirst().orElseThrow().get(8))
        .isEqualTo(LocalDate.ofEpochDay(-495).atStartOfDay());
    sameBothWays(name, df -> df.select("g", "day", "few", "n"));
    assertThat(sameBothWays(name, df -> df.groupBy("few").count())).hasSize(5);

    // deleted rows across page, batch and row group boundaries: stretches and every third row
    spark.sql("DELETE FROM " + name + " WHERE id % 3 = 1 OR id BETWEEN 1400 AND 1700 OR id BETWEEN 2100 AND 2150"
        + " OR id BETWEEN 10250 AND 10700");
    List<List<Object>> live = sameBothWays(name, df -> df.selectExpr("*", "_pos"));
    assertThat(live).map(r -> (Long) r.get(0)).doesNotContain(1L, 1500L, 2120L, 10_600L)
        .contains(0L, 1398L, 1701L, 2099L, 2151L, 10_248L, 10_701L);
    sameBothWays(name, df -> df.select("l", "d"));
  }

  @Test
  void stringsOutgrowingTheDictionaryReadInBatchesAsRowsReadThem() {
    Table t = SharedSpark.api().createTable(TableId.of(ns, "outgrown"),
        Schema.parse("id long not null, s string, b binary"));
    Random rnd = new Random(5);
    List<Record> rows = new ArrayList<>();
    // more distinct bytes than the reader's dictionary holds: the rest of the file, from inside a batch, is plain
    // (the reader's dictionary holds up to 1 MiB of distinct values; half the rows bring 400 new bytes each)
    int n = 2 * (1 << 20) / 400 + 1000;
    for (long id = 0; id < n; id++) {
      String s = id % 17 == 3 ? null : id % 2 == 0 ? "low-" + id % 3 : randomText(rnd, 400);
      byte[] b = randomText(rnd, 1 + rnd.nextInt(300)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      rows.add(GenericRecord.of(t.schema(), id, s, id % 19 == 7 ? null : ByteBuffer.wrap(b)));
    }
    appendFile(t, rows, WriteOptions.defaults().withRowGroupRowLimit(2000));
    String name = "snaplog." + t.id();
    assertThat(sameBothWays(name, df -> df)).hasSize(n);
    assertThat(sameBothWays(name, df -> df.selectExpr("count(distinct s)", "max(s)", "count(b)"))).hasSize(1);
  }

  @Test
  void columnsOfOtherTypesAndTheSwitchReadRows() {
    String name = "snaplog." + ns + ".withtime";
    spark.sql("CREATE TABLE " + name + " (id BIGINT, t TIME(6))");
    spark.sql("INSERT INTO " + name + " VALUES (1, TIME'10:11:12.123456'), (2, null)");
    // a time column is read a row at a time, also when asked for batches
    Dataset<Row> withTime = spark.table(name);
    assertThat(withTime.orderBy("id").collectAsList()).map(r -> r.get(1))
        .containsExactly(LocalTime.of(10, 11, 12, 123_456_000), null);
    assertThat(usesBatches(withTime)).isFalse();
    Dataset<Row> idOnly = spark.table(name).select("id");
    assertThat(idOnly.collectAsList()).hasSize(2);
    assertThat(usesBatches(idOnly)).isTrue();
    // the table property turns batches off for every read without the option, which turns them on again
    String off = "snaplog." + ns + ".rowsonly";
    spark.sql("CREATE TABLE " + off + " (id BIGINT) TBLPROPERTIES ('read.vectorization.enabled' = 'false')");
    spark.sql("INSERT INTO " + off + " VALUES (1), (2)");
    Dataset<Row> rows = spark.table(off);
    assertThat(rows.collectAsList()).hasSize(2);
    assertThat(usesBatches(rows)).isFalse();
    Dataset<Row> batches = spark.read().option("read.vectorization.enabled", "true").table(off);
    assertThat(batches.collectAsList()).hasSize(2);
    assertThat(usesBatches(batches)).isTrue();
  }

  @Test
  void badReadSettingsAreRefused() {
    String name = "snaplog." + ns + ".settings";
    spark.sql("CREATE TABLE " + name + " (id BIGINT)");
    assertThatThrownBy(() -> spark.read().option("read.batch-size", "0").table(name).collectAsList())
        .hasMessageContaining("read.batch-size").hasMessageContaining("positive");
    assertThatThrownBy(() -> spark.read().option("read.vectorization.enabled", "yes").table(name).collectAsList())
        .hasMessageContaining("read.vectorization.enabled").hasMessageContaining("true or false");
  }
}
