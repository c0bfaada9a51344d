package dev.snaplog.core.data;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression without Hadoop's codec classes. Snappy runs in pure Java (aircompressor, already a
 * dependency of parquet-hadoop); ZSTD runs through zstd-jni's native library where it loads and through
 * aircompressor's pure-Java port elsewhere or when the system property {@code snaplog.zstd.pure-java} is
 * {@code true}. Both ZSTD paths write level-3 frames with a content checksum; their bytes differ (the two
 * compressors choose matches differently), but each reads the other's pages, so a file written either way
 * reads back the same everywhere ({@code ZstdCodecParityTest}). The page formats are the standard ones (raw
 * Snappy blocks, ZSTD frames), so any Parquet reader reads what this writes.
 *
 * <p>Not thread-safe: one instance per file reader or writer.
 */
final class PureJavaCodecs implements CompressionCodecFactory {
  /** Set to {@code true} to keep ZSTD in pure Java even where the native library loads. */
  static final String PURE_JAVA_ZSTD_PROPERTY = "snaplog.zstd.pure-java";

  private final boolean nativeZstd = NativeZstd.AVAILABLE && !Boolean.getBoolean(PURE_JAVA_ZSTD_PROPERTY);
  private final Map<CompressionCodecName, BytesInputCompressor> compressors =
      new EnumMap<>(CompressionCodecName.class);
  private final Map<CompressionCodecName, BytesInputDecompressor> decompressors =
      new EnumMap<>(CompressionCodecName.class);

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return compressors.computeIfAbsent(codec, c -> {
      switch (c) {
        case UNCOMPRESSED:
          return new PageCompressor(c, null);
        case SNAPPY:
          return new PageCompressor(c, new SnappyCompressor());
        case ZSTD:
          return new PageCompressor(c, nativeZstd ? new NativeZstd.NativeCompressor() : new ZstdCompressor());
        default:
          throw new UnsupportedOperationException("Compression " + c + " is not supported; use ZSTD, SNAPPY"
              + " or UNCOMPRESSED");
      }
    });
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return decompressors.computeIfAbsent(codec, c -> {
      switch (c) {
        case UNCOMPRESSED:
          return new PageDecompressor(c, null);
        case SNAPPY:
          return new PageDecompressor(c, new SnappyDecompressor());
        case ZSTD:
          return new PageDecompressor(c, nativeZstd ? new NativeZstd.NativeDecompressor()
              : new ZstdDecompressor());
        default:
          throw new UnsupportedOperationException("Data file uses " + c + " compression, which Snaplog does not"
              + " read; supported: ZSTD, SNAPPY, UNCOMPRESSED");
      }
    });
  }

  @Override
  public void release() {
    compressors.clear();
    decompressors.clear();
  }

  /** The bytes of a page as one exact-size array (BytesInput.toByteArray is deprecated and may over-allocate). */
  static byte[] materialize(BytesInput bytes) throws IOException {
    byte[] out = new byte[Math.toIntExact(bytes.size())];
    bytes.writeAllTo(new OutputStream() {
      private int pos;

      @Override
      public void write(int b) {
        out[pos++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        System.arraycopy(b, off, out, pos, len);
        pos += len;
      }
    });
    return out;
  }

  private static final class PageCompressor implements BytesInputCompressor {
    private final CompressionCodecName name;
    private final Compressor compressor;

    PageCompressor(CompressionCodecName name, Compressor compressor) {
      this.name = name;
      this.compressor = compressor;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      if (compressor == null) {
        return bytes;
      }
      byte[] in = materialize(bytes);
      byte[] out = new byte[compressor.maxCompressedLength(in.length)];
      int n = compressor.compress(in, 0, in.length, out, 0, out.length);
      return BytesInput.from(out, 0, n);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return name;
    }

    @Override
    public void release() {}
  }

  private static final class PageDecompressor implements BytesInputDecompressor {
    private final CompressionCodecName name;
    private final Decompressor decompressor;

    PageDecompressor(CompressionCodecName name, Decompressor decompressor) {
      this.name = name;
      this.decompressor = decompressor;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      if (decompressor == null) {
        return bytes;
      }
      byte[] in = materialize(bytes);
      return BytesInput.from(inflate(in, 0, in.length, decompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.duplicate().get(in);
      input.position(input.position() + compressedSize);
      output.put(decompressor == null ? in : inflate(in, 0, in.length, decompressedSize));
    }

    private byte[] inflate(byte[] in, int off, int len, int decompressedSize) throws IOException {
      byte[] out = new byte[decompressedSize];
      int n;
      try {
        n = decompressor.decompress(in, off, len, out, 0, decompressedSize);
      } catch (MalformedInputException e) {
        throw new IOException("Corrupt " + name + " page: " + e.getMessage(), e);
      }
      if (n != decompressedSize) {
        throw new IOException("Corrupt " + name + " page: " + n + " bytes after decompression, the page header"
            + " says " + decompressedSize);
      }
      return out;
    }

    @Override
    public void release() {}
  }
}
