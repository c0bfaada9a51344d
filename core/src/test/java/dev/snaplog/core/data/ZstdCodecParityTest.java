package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Record;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native (zstd-jni) and pure-Java (aircompressor) ZSTD are interchangeable. They do not write the same bytes:
 * both write level-3 frames with the same header and checksum, but their match finders differ, so a page
 * larger than a few hundred bytes compresses differently. What holds, and what this checks: each decompresses
 * the other's pages, and a data file written with either reads back with either to the same rows.
 */
class ZstdCodecParityTest {
  @TempDir
  Path dir;

  @Test
  void nativeZstdLoadsOnThisPlatform() {
    // the build machines are linux-x86_64 and the like, which zstd-jni ships a library for; a platform
    // without one still works (pure Java), but there this test says so instead of silently measuring less
    assumeTrue(!Boolean.getBoolean("snaplog.test.no-native-zstd"));
    assertThat(NativeZstd.AVAILABLE).isTrue();
  }

  @Test
  void pagesDecompressEitherWay() throws Exception {
    assumeTrue(NativeZstd.AVAILABLE);
    NativeZstd.NativeCompressor nativeCodec = new NativeZstd.NativeCompressor();
    ZstdCompressor pureJava = new ZstdCompressor();
    Random rnd = new Random(7);
    for (int size : new int[] {0, 1, 100, 4_096, 70_000, 1 << 20, 3 << 20}) {
      byte[] page = new byte[size];
      for (int i = 0; i < size; i++) {
        page[i] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt() : 'a' + (i % 13));
      }
      byte[] a = compress(nativeCodec, page);
      byte[] b = compress(pureJava, page);
      assertThat(Arrays.copyOf(a, Math.min(a.length, 5))).as("frame header of a %d-byte page", size)
          .isEqualTo(Arrays.copyOf(b, Math.min(b.length, 5)));
      byte[] back = new byte[size];
      int n = new NativeZstd.NativeDecompressor().decompress(b, 0, b.length, back, 0, size);
      assertThat(n).isEqualTo(size);
      assertThat(back).isEqualTo(page);
      back = new byte[size];
      new ZstdDecompressor().decompress(a, 0, a.length, back, 0, size);
      assertThat(back).isEqualTo(page);
    }
  }

  @Test
  void dataFilesWrittenWithEitherCodecReadBackTheSameWithEither() throws Exception {
    assumeTrue(NativeZstd.AVAILABLE);
    List<Record> rows = AllTypes.rows(3_000, 5);
    byte[] nativeFile = write("native.parquet", rows);
    byte[] pureJavaFile = pureJava(() -> write("pure.parquet", rows));
    assertThat(nativeFile.length).isGreaterThan(1_000);
    assertThat(pureJavaFile.length).isBetween(nativeFile.length * 9 / 10, nativeFile.length * 11 / 10);
    for (String name : List.of("native.parquet", "pure.parquet")) {
      assertThat(read(name)).as("%s read natively", name).isEqualTo(rows);
      assertThat(pureJava(() -> read(name))).as("%s read in pure Java", name).isEqualTo(rows);
    }
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  private static <T> T pureJava(Action<T> action) throws Exception {
    System.setProperty(PureJavaCodecs.PURE_JAVA_ZSTD_PROPERTY, "true");
    try {
      return action.run();
    } finally {
      System.clearProperty(PureJavaCodecs.PURE_JAVA_ZSTD_PROPERTY);
    }
  }

  private List<Record> read(String name) {
    return ParquetFormat.read(new LocalObjectStore().newInputFile(dir.resolve(name).toString()), AllTypes.SCHEMA,
        AllTypes.SCHEMA, Expressions.alwaysTrue()).toList();
  }

  private byte[] write(String name, List<Record> rows) throws Exception {
    Path file = dir.resolve(name);
    try (DataWriter w = ParquetFormat.newWriter(new LocalObjectStore().newOutputFile(file.toString()),
        AllTypes.SCHEMA, "db.t", WriteOptions.defaults().withRowGroupRowLimit(1_000).withPageSizeBytes(8_192))) {
      rows.forEach(w::write);
      w.complete();
    }
    return Files.readAllBytes(file);
  }

  private static byte[] compress(io.airlift.compress.Compressor codec, byte[] page) {
    byte[] out = new byte[codec.maxCompressedLength(page.length)];
    return Arrays.copyOf(out, codec.compress(page, 0, page.length, out, 0, out.length));
  }
}
