package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * The pure-Java page codecs against the native reference libraries that Parquet's own codecs (and other
 * engines) use: pages one side compresses, the other side must decompress.
 */
class PureJavaCodecsTest {
  private final PureJavaCodecs codecs = new PureJavaCodecs();

  private static byte[] sample(int size, long seed) {
    Random rnd = new Random(seed);
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : 'a' + (i % 7)); // compressible, not trivial
    }
    return b;
  }

  @Test
  void zstdPagesAreStandardFrames() throws IOException {
    for (int size : new int[] {0, 1, 100, 70_000, 1 << 20}) {
      byte[] page = sample(size, size);
      byte[] ours = compress(CompressionCodecName.ZSTD, page);
      assertThat(Zstd.decompress(ours, size)).isEqualTo(page);
      assertThat(decompress(CompressionCodecName.ZSTD, Zstd.compress(page, 3), size)).isEqualTo(page);
    }
  }

  @Test
  void snappyPagesAreRawSnappyBlocks() throws IOException {
    for (int size : new int[] {0, 1, 100, 70_000, 1 << 20}) {
      byte[] page = sample(size, size);
      byte[] ours = compress(CompressionCodecName.SNAPPY, page);
      assertThat(Snappy.uncompress(ours)).isEqualTo(page);
      assertThat(decompress(CompressionCodecName.SNAPPY, Snappy.compress(page), size)).isEqualTo(page);
    }
  }

  @Test
  void byteBufferDecompressionAdvancesTheInput() throws IOException {
    byte[] page = sample(5_000, 1);
    byte[] compressed = compress(CompressionCodecName.ZSTD, page);
    ByteBuffer in = ByteBuffer.allocate(compressed.length + 3);
    in.put(compressed).put(new byte[] {1, 2, 3}).flip();
    ByteBuffer out = ByteBuffer.allocate(page.length);

    codecs.getDecompressor(CompressionCodecName.ZSTD).decompress(in, compressed.length, out, page.length);

    assertThat(out.array()).isEqualTo(page);
    assertThat(in.position()).isEqualTo(compressed.length);
  }

  @Test
  void corruptPageIsAnIoError() {
    byte[] page = sample(5_000, 2);
    assertThatThrownBy(() -> decompress(CompressionCodecName.SNAPPY, page, 10_000))
        .isInstanceOf(IOException.class).hasMessageContaining("SNAPPY");
  }

  @Test
  void otherCodecsAreRefusedWithTheSupportedList() {
    assertThatThrownBy(() -> codecs.getDecompressor(CompressionCodecName.BROTLI))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("ZSTD, SNAPPY");
  }

  private byte[] compress(CompressionCodecName codec, byte[] page) throws IOException {
    BytesInputCompressor c = codecs.getCompressor(codec);
    return PureJavaCodecs.materialize(c.compress(BytesInput.from(page)));
  }

  private byte[] decompress(CompressionCodecName codec, byte[] compressed, int size) throws IOException {
    BytesInputDecompressor d = codecs.getDecompressor(codec);
    return PureJavaCodecs.materialize(d.decompress(BytesInput.from(compressed), size));
  }
}
