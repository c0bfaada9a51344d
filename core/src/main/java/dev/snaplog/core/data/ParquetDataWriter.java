package dev.snaplog.core.data;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.StorageException;
import java.io.IOException;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Writes one Parquet data file, streaming row groups to the store as they fill. Rows are validated before
 * Parquet sees them, so a refused row leaves the writer usable; an I/O failure aborts the file. Not
 * thread-safe.
 */
final class ParquetDataWriter implements DataWriter {
  /**
   * With {@code -Dsnaplog.parquet.record-consumer=true}, rows without nested columns too go through Parquet's
   * record consumer (the path nested rows always take); tests compare the two.
   */
  static final String RECORD_CONSUMER_PROPERTY = "snaplog.parquet.record-consumer";
  private enum State { OPEN, COMPLETED, ABORTED }

  private final OutputFileAdapter file;
  private final RowSink writer;
  private final RowValidator validator;
  private final StatsCollector stats;
  private final FooterStats footerStats;
  private long offered;
  private long recordCount;
  private State state = State.OPEN;
  private DataFile result;

  private ParquetDataWriter(OutputFileAdapter file, RowSink writer, RecordWriteSupport support,
      Schema schema, String table) {
    this.file = file;
    this.writer = writer;
    this.validator = new RowValidator(schema, table);
    this.stats = new StatsCollector(schema);
    this.footerStats = new FooterStats(support.messageType(), schema);
  }

  static ParquetDataWriter open(dev.snaplog.core.io.OutputFile out, Schema schema, String table,
      WriteOptions options) {
    OutputFileAdapter file = new OutputFileAdapter(out);
    try {
      RecordWriteSupport support = new RecordWriteSupport(schema);
      if (FlatColumnWriter.accepts(schema) && !Boolean.getBoolean(RECORD_CONSUMER_PROPERTY)) {
        PureJavaCodecs codecs = new PureJavaCodecs();
        ParquetProperties props = ParquetProperties.builder()
            .withPageSize(options.pageSizeBytes())
            .withDictionaryPageSize(options.pageSizeBytes())
            .withRowGroupRowCountLimit(options.rowGroupRowLimit())
            .withValuesWriterFactory(options.deltaWholeNumbers() ? new WholeNumberDeltaEncoding()
                : new DefaultV1ValuesWriterFactory()) // not Parquet's shared default: each build initializes it
            .build();
        FlatColumnWriter flat = new FlatColumnWriter(file, schema, support.messageType(), props,
            codecs.getCompressor(codec(options.compression())), options.rowGroupSizeBytes());
        return new ParquetDataWriter(file, RowSink.flat(flat, support.getName(), codecs), support, schema, table);
      }
      ParquetWriter<Record> writer = new Builder(file, support)
          // A plain configuration keeps Hadoop's Configuration (and its class loading) out of the write path.
          .withConf(new PlainParquetConfiguration())
          .withCodecFactory(new PureJavaCodecs())
          .withCompressionCodec(codec(options.compression()))
          .withRowGroupSize(options.rowGroupSizeBytes())
          .withRowGroupRowCountLimit(options.rowGroupRowLimit())
          .withPageSize(options.pageSizeBytes())
          .withDictionaryPageSize(options.pageSizeBytes())
          .build();
      return new ParquetDataWriter(file, RowSink.of(writer), support, schema, table);
    } catch (IOException e) {
      file.abort();
      throw new StorageException("create", out.location(), e);
    } catch (RuntimeException e) {
      file.abort();
      throw e;
    }
  }

  private static CompressionCodecName codec(WriteOptions.Compression c) {
    switch (c) {
      case ZSTD:
        return CompressionCodecName.ZSTD;
      case SNAPPY:
        return CompressionCodecName.SNAPPY;
      default:
        return CompressionCodecName.UNCOMPRESSED;
    }
  }

  @Override
  public void write(Record record) {
    checkOpen();
    offered++;
    validator.check(record, offered);
    try {
      writer.write(record);
    } catch (IOException e) {
      abort();
      throw new StorageException("write", file.location(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
    stats.update(record);
    recordCount++;
  }

  @Override
  public long recordCount() {
    return recordCount;
  }

  /**
   * Writes the footer and publishes the file. Calling it again returns the same description.
   *
   * @throws StorageException if the file could not be written; nothing is left at the location
   * @throws dev.snaplog.core.exceptions.ObjectAlreadyExistsException if an object already exists there
   */
  @Override
  public DataFile complete() {
    if (state == State.COMPLETED) {
      return result;
    }
    checkOpen();
    try {
      writer.close();
    } catch (IOException e) {
      abort();
      throw new StorageException("write", file.location(), e);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
    state = State.COMPLETED;
    Map<Integer, ColumnStats> fileStats = footerStats.of(writer.footer().getBlocks());
    fileStats.putAll(stats.result());
    result = new DataFile(file.location(), DataFile.PARQUET, recordCount, file.length(), fileStats);
    return result;
  }

  @Override
  public void close() {
    if (state == State.OPEN) {
      abort();
    }
  }

  // Parquet's writer has no abort: its buffered pages are left to the garbage collector and the store
  // stream is discarded, so the footer is never written and nothing is published.
  private void abort() {
    state = State.ABORTED;
    file.abort();
  }

  private void checkOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("Writer of " + file.location() + " is " + state.name().toLowerCase(
          java.util.Locale.ROOT) + "; open a new writer");
    }
  }

  /**
   * Where validated rows go: Parquet's own writer through its record consumer (any schema), or straight into
   * the column writers for rows without nested columns ({@link FlatColumnWriter}).
   */
  private interface RowSink {
    void write(Record row) throws IOException;

    void close() throws IOException;

    ParquetMetadata footer();

    static RowSink of(ParquetWriter<Record> writer) {
      return new RowSink() {
        @Override
        public void write(Record row) throws IOException {
          writer.write(row);
        }

        @Override
        public void close() throws IOException {
          writer.close();
        }

        @Override
        public ParquetMetadata footer() {
          return writer.getFooter();
        }
      };
    }

    static RowSink flat(FlatColumnWriter flat, String writerName, PureJavaCodecs codecs) {
      return new RowSink() {
        @Override
        public void write(Record row) throws IOException {
          flat.write(row);
        }

        @Override
        public void close() throws IOException {
          try {
            flat.close(writerName);
          } finally {
            codecs.release();
          }
        }

        @Override
        public ParquetMetadata footer() {
          return flat.footer();
        }
      };
    }
  }

  private static final class Builder extends ParquetWriter.Builder<Record, Builder> {
    private final RecordWriteSupport support;

    Builder(OutputFileAdapter file, RecordWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Record> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }

    // abstract in the base class; never called, since a ParquetConfiguration is always set
    @Override
    @SuppressWarnings("deprecation")
    protected WriteSupport<Record> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
      return support;
    }
  }
}
