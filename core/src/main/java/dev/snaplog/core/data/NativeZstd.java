package dev.snaplog.core.data;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.util.Native;
import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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

  /**
   * Native contexts shared by every reader and writer in the JVM, one per page at a time: making one per page (what
   * zstd-jni's static helpers do) cost about a sixth of reading a long column. A context is taken for one call
   * and given back, so there are never more than the calls running at once; zstd-jni frees a context only when
   * it is closed, which a context per thread or per file could leave undone.
   */
  private static final Queue<ZstdCompressCtx> IDLE_COMPRESSORS = new ConcurrentLinkedQueue<>();
  private static final Queue<ZstdDecompressCtx> IDLE_DECOMPRESSORS = new ConcurrentLinkedQueue<>();

  static final class NativeCompressor implements Compressor {
    @Override
    public int maxCompressedLength(int uncompressedSize) {
      return Math.toIntExact(Zstd.compressBound(uncompressedSize));
    }

    @Override
    public int compress(byte[] input, int inputOffset, int inputLength, byte[] output, int outputOffset,
        int maxOutputLength) {
      ZstdCompressCtx ctx = IDLE_COMPRESSORS.poll();
      if (ctx == null) {
        ctx = new ZstdCompressCtx().setLevel(LEVEL).setChecksum(true);
      }
      int n;
      try {
        n = ctx.compressByteArray(output, outputOffset, maxOutputLength, input, inputOffset, inputLength);
      } catch (ZstdException e) {
        ctx.close(); // a context that failed is not given back
        throw new IllegalStateException("ZSTD compression failed: " + e.getMessage(), e);
      }
      IDLE_COMPRESSORS.offer(ctx);
      return n;
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
      ZstdDecompressCtx ctx = IDLE_DECOMPRESSORS.poll();
      if (ctx == null) {
        ctx = new ZstdDecompressCtx();
      }
      int n;
      try {
        n = ctx.decompressByteArray(output, outputOffset, maxOutputLength, input, inputOffset, inputLength);
      } catch (ZstdException e) {
        ctx.close(); // a context that failed is not given back
        throw new MalformedInputException(inputOffset, e.getMessage());
      }
      IDLE_DECOMPRESSORS.offer(ctx);
      return n;
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
