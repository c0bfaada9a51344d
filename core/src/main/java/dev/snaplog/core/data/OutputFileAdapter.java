package dev.snaplog.core.data;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Presents a Snaplog {@link dev.snaplog.core.io.OutputFile} to Parquet. Parquet streams row groups straight
 * into the store's stream; the adapter keeps hold of that stream so an unfinished file can be aborted, which
 * Parquet's own writer cannot do.
 */
final class OutputFileAdapter implements OutputFile {
  private final dev.snaplog.core.io.OutputFile target;
  private dev.snaplog.core.io.PositionOutputStream stream;
  private long finalLength = -1;

  OutputFileAdapter(dev.snaplog.core.io.OutputFile target) {
    this.target = target;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    if (stream != null) {
      throw new IOException("Parquet asked to create " + target.location() + " twice");
    }
    stream = target.create();
    return new Stream(stream);
  }

  /** Snaplog objects are create-only, so there is never anything to overwrite. */
  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return target.location();
  }

  String location() {
    return target.location();
  }

  /** Bytes in the finished file; -1 until Parquet has closed it. */
  long length() {
    return finalLength;
  }

  /** Discards everything written; nothing becomes visible at the location. */
  void abort() {
    if (stream != null) {
      stream.abort();
    }
  }

  private final class Stream extends PositionOutputStream {
    private final dev.snaplog.core.io.PositionOutputStream out;

    Stream(dev.snaplog.core.io.PositionOutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() throws IOException {
      return out.position();
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      long length = out.position();
      out.close();
      finalLength = length;
    }
  }
}
