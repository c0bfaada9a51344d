package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.column.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows without nested columns skip Parquet's record consumer and go straight into its column writers; the file
 * must be byte for byte the one the record consumer path writes, row groups cut at the same rows, with every
 * codec and with row groups cut by size as well as by row count.
 */
class FlatColumnWriterTest {
  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  @Test
  void flatRowsWriteTheSameBytesAsTheRecordConsumer() throws Exception {
    assertThat(FlatColumnWriter.accepts(AllTypes.SCHEMA)).isTrue();
    List<Record> rows = AllTypes.rows(8_000, 42);
    // Parquet's record writer falls back from a dictionary to plain values for every type
    WriteOptions plain = WriteOptions.defaults().withDeltaWholeNumbers(false);
    for (WriteOptions options : List.of(plain,
        plain.withRowGroupRowLimit(1_500).withCompression(WriteOptions.Compression.SNAPPY),
        plain.withRowGroupSizeBytes(96 * 1024).withPageSizeBytes(4 * 1024),
        plain.withCompression(WriteOptions.Compression.UNCOMPRESSED))) {
      DataFile flat = write("flat.parquet", AllTypes.SCHEMA, rows, options, false);
      DataFile consumer = write("consumer.parquet", AllTypes.SCHEMA, rows, options, true);

      assertThat(Files.readAllBytes(Path.of(flat.location())))
          .as("bytes with %s", options).isEqualTo(Files.readAllBytes(Path.of(consumer.location())));
      assertThat(flat.columnStats()).isEqualTo(consumer.columnStats());
      assertThat(flat.recordCount()).isEqualTo(rows.size());
      Files.delete(Path.of(flat.location()));
      Files.delete(Path.of(consumer.location()));
    }
  }

  /**
   * By default whole numbers fall back to deltas instead: a column of consecutive ids shrinks to almost
   * nothing, and the rows and stats read back are the record writer's.
   */
  @Test
  void wholeNumbersFallBackToDeltasByDefault() throws Exception {
    List<Record> rows = AllTypes.rows(8_000, 42);
    DataFile flat = write("flat.parquet", AllTypes.SCHEMA, rows, WriteOptions.defaults(), false);
    DataFile consumer = write("consumer.parquet", AllTypes.SCHEMA, rows, WriteOptions.defaults(), true);
    assertThat(ParquetTestFiles.encodings(store, flat.location(), "id")).contains(Encoding.DELTA_BINARY_PACKED);
    assertThat(ParquetTestFiles.encodings(store, consumer.location(), "id"))
        .doesNotContain(Encoding.DELTA_BINARY_PACKED);
    assertThat(flat.columnStats()).isEqualTo(consumer.columnStats());
    assertThat(readAll(flat.location())).isEqualTo(readAll(consumer.location())).hasSize(rows.size());
  }

  @Test
  void nestedRowsTakeTheRecordConsumerPath() {
    assertThat(FlatColumnWriter.accepts(Schema.parse("id long, a struct<b int>"))).isFalse();
    assertThat(FlatColumnWriter.accepts(Schema.parse("id long, tags list<string>"))).isFalse();
  }

  private List<Record> readAll(String loc) {
    try (CloseableIterable<Record> rows = ParquetFormat.read(store.newInputFile(loc), AllTypes.SCHEMA,
        AllTypes.SCHEMA, Expressions.alwaysTrue())) {
      return rows.toList();
    }
  }

  private DataFile write(String name, Schema schema, List<Record> rows, WriteOptions options,
      boolean recordConsumer) {
    String loc = dir.resolve(name).toString();
    String before = System.getProperty(ParquetDataWriter.RECORD_CONSUMER_PROPERTY);
    System.setProperty(ParquetDataWriter.RECORD_CONSUMER_PROPERTY, Boolean.toString(recordConsumer));
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), schema, "db.flat", options)) {
      rows.forEach(w::write);
      return w.complete();
    } finally {
      if (before == null) {
        System.clearProperty(ParquetDataWriter.RECORD_CONSUMER_PROPERTY);
      } else {
        System.setProperty(ParquetDataWriter.RECORD_CONSUMER_PROPERTY, before);
      }
    }
  }
}
