package dev.snaplog.manifest;

import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Files held in memory, so log objects in a file format (checkpoint parts in Parquet) are encoded and decoded
 * with the same whole-object reads and create-only writes as every other log object: one GET to read, one
 * conditional PUT to write, and the bytes at hand for the cache.
 */
final class InMemoryFiles {
  private InMemoryFiles() {}

  /** A file over {@code bytes} read from {@code location}. */
  static InputFile input(String location, byte[] bytes) {
    return new InputFile() {
      @Override
      public String location() {
        return location;
      }

      @Override
      public long length() {
        return bytes.length;
      }

      @Override
      public SeekableInputStream newStream() {
        return new SeekableInputStream() {
          private int pos;

          @Override
          public long position() {
            return pos;
          }

          @Override
          public void seek(long position) throws IOException {
            if (position < 0 || position > bytes.length) {
              throw new IOException("seek to " + position + " in " + location + " of " + bytes.length + " bytes");
            }
            pos = (int) position;
          }

          @Override
          public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (len == 0) {
              return 0;
            }
            if (pos >= bytes.length) {
              return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
          }

          @Override
          public int available() {
            return bytes.length - pos;
          }
        };
      }
    };
  }

  /** A file whose bytes are kept once its stream is closed; {@link Output#bytes()} hands them over. */
  static Output output(String location) {
    return new Output(location);
  }

  static final class Output implements OutputFile {
    private final String location;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private byte[] closed;

    private Output(String location) {
      this.location = location;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public PositionOutputStream create() {
      return new PositionOutputStream() {
        @Override
        public long position() {
          return buffer.size();
        }

        @Override
        public void abort() {
          buffer.reset();
        }

        @Override
        public void write(int b) {
          buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          buffer.write(b, off, len);
        }

        @Override
        public void close() {
          closed = buffer.toByteArray();
        }
      };
    }

    /** The file's bytes; only after its stream was closed. */
    byte[] bytes() {
      if (closed == null) {
        throw new IllegalStateException(location + " was not completed");
      }
      return closed;
    }
  }
}
