package dev.snaplog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The reference ceiling: parquet-hadoop used directly, with no table format and no row objects. Rows are
 * written from primitives through a minimal {@link WriteSupport} and read into one reused holder, so what is
 * left is Parquet's own encode/decode cost. Same schema and ZSTD as the tables' defaults.
 */
final class ParquetCeiling {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
      "message row { required int64 id = 1; optional double v = 2; optional binary s (STRING) = 3; }");

  private ParquetCeiling() {}

  /** One row in the reused holder. */
  static final class Row {
    long id;
    double v;
    String s;
  }

  static void write(Path file, long rows) {
    try (ParquetWriter<Row> w = new Builder(new LocalOutputFile(file))
        .withCompressionCodec(CompressionCodecName.ZSTD)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build()) {
      Row r = new Row();
      for (long i = 0; i < rows; i++) {
        r.id = i;
        r.v = i * 0.5;
        r.s = Rows.string(i);
        w.write(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads every row; returns the sum of ids so the work cannot be skipped. */
  static long read(Path file) {
    long sum = 0;
    try (ParquetReader<Row> r = new ReaderBuilder(new LocalInputFile(file)).build()) {
      for (Row row = r.read(); row != null; row = r.read()) {
        sum += row.id;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sum;
  }

  private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    Builder(LocalOutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return new RowWriteSupport();
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Row> {
    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(SCHEMA, new HashMap<>());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Row r) {
      out.startMessage();
      out.startField("id", 0);
      out.addLong(r.id);
      out.endField("id", 0);
      out.startField("v", 1);
      out.addDouble(r.v);
      out.endField("v", 1);
      out.startField("s", 2);
      out.addBinary(Binary.fromString(r.s));
      out.endField("s", 2);
      out.endMessage();
    }
  }

  private static final class ReaderBuilder extends ParquetReader.Builder<Row> {
    ReaderBuilder(LocalInputFile file) {
      super(file);
    }

    @Override
    protected ReadSupport<Row> getReadSupport() {
      return new RowReadSupport();
    }
  }

  private static final class RowReadSupport extends ReadSupport<Row> {
    @Override
    public ReadContext init(InitContext context) {
      return new ReadContext(context.getFileSchema());
    }

    @Override
    public RecordMaterializer<Row> prepareForRead(Configuration conf, Map<String, String> meta, MessageType schema,
                                                  ReadContext context) {
      Row row = new Row();
      GroupConverter root = new GroupConverter() {
        private final Converter[] fields = {
            new PrimitiveConverter() {
              @Override
              public void addLong(long value) {
                row.id = value;
              }
            },
            new PrimitiveConverter() {
              @Override
              public void addDouble(double value) {
                row.v = value;
              }
            },
            new PrimitiveConverter() {
              @Override
              public void addBinary(Binary value) {
                row.s = value.toStringUsingUTF8();
              }
            }};

        @Override
        public Converter getConverter(int fieldIndex) {
          return fields[fieldIndex];
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
      };
      return new RecordMaterializer<>() {
        @Override
        public Row getCurrentRecord() {
          return row;
        }

        @Override
        public GroupConverter getRootConverter() {
          return root;
        }
      };
    }
  }
}
