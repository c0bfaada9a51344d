package dev.snaplog.core.data;

import java.io.IOException;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** Presents a Snaplog {@link dev.snaplog.core.io.InputFile} to Parquet, which reads the footer and chunks by range. */
final class InputFileAdapter implements InputFile {
  private final dev.snaplog.core.io.InputFile source;
  private long length = -1;

  InputFileAdapter(dev.snaplog.core.io.InputFile source) {
    this.source = source;
  }

  // Parquet asks more than once; a remote store would answer each time with a request.
  @Override
  public long getLength() {
    if (length < 0) {
      length = source.length();
    }
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    dev.snaplog.core.io.SeekableInputStream in = source.newStream();
    return new DelegatingSeekableInputStream(in) {
      @Override
      public long getPos() throws IOException {
        return in.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        in.seek(newPos);
      }
    };
  }

  @Override
  public String toString() {
    return source.location();
  }
}
