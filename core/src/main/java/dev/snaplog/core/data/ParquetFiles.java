package dev.snaplog.core.data;

import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.SnaplogException;
import dev.snaplog.core.io.InputFile;
import java.io.IOException;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;

/** Opens data files for reading: one place that sets the read options and names a damaged file. */
final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * Opens {@code in} and reads its footer.
   *
   * @throws CorruptTableException if it is not a readable Parquet file (bad magic, truncated footer)
   */
  static ParquetFileReader open(InputFile in) throws IOException {
    ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
        .withCodecFactory(new PureJavaCodecs())
        .build();
    try {
      return ParquetFileReader.open(new InputFileAdapter(in), options);
    } catch (SnaplogException e) {
      throw e;
    } catch (RuntimeException e) {
      // parquet reports a bad footer or magic number as a bare RuntimeException
      throw new CorruptTableException("Data file " + in.location() + " is not a readable Parquet file: "
          + e.getMessage(), null, null, e);
    }
  }
}
