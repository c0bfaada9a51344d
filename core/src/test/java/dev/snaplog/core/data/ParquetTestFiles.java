package dev.snaplog.core.data;

import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
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
    int version = rnd.nextInt(3); // version-1 pages as Parquet writes them, as the table writer does, version 2
    return ParquetProperties.builder()
        .withWriterVersion(version < 2 ? WriterVersion.PARQUET_1_0 : WriterVersion.PARQUET_2_0)
        .withValuesWriterFactory(version == 1 ? new WholeNumberDeltaEncoding() : new DefaultValuesWriterFactory())
        .withDictionaryEncoding(rnd.nextInt(4) > 0)
        .withByteStreamSplitEncoding(rnd.nextInt(4) == 0)
        .withPageSize(256 + rnd.nextInt(8192)).withDictionaryPageSize(256 + rnd.nextInt(8192))
        .withPageRowCountLimit(50 + rnd.nextInt(1000)).withRowGroupRowCountLimit(100 + rnd.nextInt(2000))
        .build();
  }

  /** The encodings of {@code column}'s chunks in every row group of the file at {@code loc}. */
  static Set<Encoding> encodings(LocalObjectStore store, String loc, String column) throws IOException {
    Set<Encoding> out = EnumSet.noneOf(Encoding.class);
    try (ParquetFileReader reader = ParquetFiles.open(store.newInputFile(loc))) {
      for (BlockMetaData block : reader.getRowGroups()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          if (chunk.getPath().toDotString().equals(column)) {
            out.addAll(chunk.getEncodings());
          }
        }
      }
    }
    return out;
  }

  static CompressionCodecName randomCodec(Random rnd) {
    return rnd.nextBoolean() ? CompressionCodecName.ZSTD : CompressionCodecName.UNCOMPRESSED;
  }
}
