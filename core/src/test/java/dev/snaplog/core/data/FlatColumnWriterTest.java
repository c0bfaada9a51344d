package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    for (WriteOptions options : List.of(WriteOptions.defaults(),
        WriteOptions.defaults().withRowGroupRowLimit(1_500).withCompression(WriteOptions.Compression.SNAPPY),
        WriteOptions.defaults().withRowGroupSizeBytes(96 * 1024).withPageSizeBytes(4 * 1024),
        WriteOptions.defaults().withCompression(WriteOptions.Compression.UNCOMPRESSED))) {
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

  @Test
  void nestedRowsTakeTheRecordConsumerPath() {
    assertThat(FlatColumnWriter.accepts(Schema.parse("id long, a struct<b int>"))).isFalse();
    assertThat(FlatColumnWriter.accepts(Schema.parse("id long, tags list<string>"))).isFalse();
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
