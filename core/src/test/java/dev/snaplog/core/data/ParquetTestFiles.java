package dev.snaplog.core.data;

import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Data files written for tests with Parquet properties the table writer does not set. */
final class ParquetTestFiles {
  private ParquetTestFiles() {}

  /** Writes {@code rows} to {@code loc} with {@code props} (version-2 pages, other encodings, page limits). */
  static void write(LocalObjectStore store, String loc, Schema schema, List<Record> rows, ParquetProperties props,
      CompressionCodecName codec) throws IOException {
    FlatColumnWriter w = new FlatColumnWriter(new OutputFileAdapter(store.newOutputFile(loc)), schema,
        new RecordWriteSupport(schema).messageType(), props, new PureJavaCodecs().getCompressor(codec),
        128L * 1024 * 1024);
    for (Record row : rows) {
      w.write(row);
    }
    w.close("test");
  }

  /**
   * Writer settings drawn at random: page version, dictionary or not, byte-stream split, small pages and row
   * groups so a few thousand rows span several of each.
   */
  static ParquetProperties randomProperties(Random rnd) {
    return ParquetProperties.builder()
        .withWriterVersion(rnd.nextBoolean() ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0)
        .withDictionaryEncoding(rnd.nextInt(4) > 0)
        .withByteStreamSplitEncoding(rnd.nextInt(4) == 0)
        .withPageSize(256 + rnd.nextInt(8192)).withDictionaryPageSize(256 + rnd.nextInt(8192))
        .withPageRowCountLimit(50 + rnd.nextInt(1000)).withRowGroupRowCountLimit(100 + rnd.nextInt(2000))
        .build();
  }

  static CompressionCodecName randomCodec(Random rnd) {
    return rnd.nextBoolean() ? CompressionCodecName.ZSTD : CompressionCodecName.UNCOMPRESSED;
  }
}
