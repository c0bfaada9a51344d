package dev.snaplog.core.data;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.util.Native;
import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import java.nio.ByteBuffer;

/**
 * ZSTD through zstd-jni's native library, behind aircompressor's codec interfaces so page compression picks
 * either implementation the same way. Used only where the library loads ({@link #AVAILABLE}); elsewhere the
 * pure-Java codec does the same work. Both write standard ZSTD frames at level 3 with a content checksum, so
 * each reads the other's pages; the compressed bytes themselves differ.
 */
final class NativeZstd {
  /** Level 3: ZSTD's default and what the pure-Java compressor implements. */
  static final int LEVEL = 3;

  /** Whether the native library loaded on this platform (it ships for the common ones inside the jar). */
  static final boolean AVAILABLE = load();

  private NativeZstd() {}

  private static boolean load() {
    try {
      Native.load();
      return Native.isLoaded();
    } catch (LinkageError | RuntimeException e) {
      return false; // no library for this platform, or none may be unpacked: the pure-Java codec serves
    }
  }

  static final class NativeCompressor implements Compressor {
    @Override
    public int maxCompressedLength(int uncompressedSize) {
      return Math.toIntExact(Zstd.compressBound(uncompressedSize));
    }

    @Override
    public int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
        int maxOutputLength) {
      long n = Zstd.compressByteArray(output, outputOffset, maxOutputLength, input, inputOffset, inputLength,
          LEVEL, true);
      if (Zstd.isError(n)) {
        throw new IllegalStateException("ZSTD compression failed: " + Zstd.getErrorName(n));
      }
      return (int) n;
    }

    @Override
    public void compress(ByteBuffer input, ByteBuffer output) {
      byte[] in = new byte[input.remaining()];
      input.get(in);
      byte[] out = new byte[maxCompressedLength(in.length)];
      output.put(out, 0, compress(in, 0, in.length, out, 0, out.length));
    }
  }

  static final class NativeDecompressor implements Decompressor {
    @Override
    public int decompress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
        int maxOutputLength) throws MalformedInputException {
      long n = Zstd.decompressByteArray(output, outputOffset, maxOutputLength, input, inputOffset, inputLength);
      if (Zstd.isError(n)) {
        throw new MalformedInputException(inputOffset, Zstd.getErrorName(n));
      }
      return (int) n;
    }

    @Override
    public void decompress(ByteBuffer input, ByteBuffer output) throws MalformedInputException {
      byte[] in = new byte[input.remaining()];
      input.get(in);
      byte[] out = new byte[output.remaining()];
      output.put(out, 0, decompress(in, 0, in.length, out, 0, out.length));
    }
  }
}
