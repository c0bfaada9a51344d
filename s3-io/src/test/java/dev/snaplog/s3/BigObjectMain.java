package dev.snaplog.s3;

import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.PositionOutputStream;
import dev.snaplog.core.io.SeekableInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/** Child process of {@link S3BigObjectTest}: args are location, size, then key=value settings. */
public final class BigObjectMain {
  private BigObjectMain() {}

  static byte at(long i) {
    return (byte) ((i * 31) ^ (i >>> 11));
  }

  public static void main(String[] args) throws Exception {
    String location = args[0];
    long size = Long.parseLong(args[1]);
    Map<String, String> props = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try (S3ObjectStore store = new S3ObjectStore(S3Connection.open(S3Config.fromProperties(props, Map.of())))) {
      long t0 = System.nanoTime();
      byte[] chunk = new byte[1 << 20];
      try (PositionOutputStream out = store.newOutputFile(location).create()) {
        for (long pos = 0; pos < size; ) {
          int n = (int) Math.min(chunk.length, size - pos);
          for (int i = 0; i < n; i++) {
            chunk[i] = at(pos + i);
          }
          out.write(chunk, 0, n);
          pos += n;
        }
      }
      long t1 = System.nanoTime();
      InputFile in = store.newInputFile(location);
      check(in.length() == size, "length " + in.length());
      Random random = new Random(7);
      try (SeekableInputStream s = in.newStream()) {
        long[] positions = new long[12];
        positions[0] = size - 8;
        positions[1] = 0;
        for (int k = 2; k < positions.length; k++) {
          positions[k] = (long) (random.nextDouble() * (size - 70_000));
        }
        for (long pos : positions) {
          s.seek(pos);
          byte[] got = s.readNBytes((int) Math.min(65_536, size - pos));
          for (int i = 0; i < got.length; i++) {
            check(got[i] == at(pos + i), "byte at " + (pos + i));
          }
        }
        s.seek(0);
        long pos = 0;
        for (int n; (n = s.read(chunk)) > 0; pos += n) {
          for (int i = 0; i < n; i++) {
            if (chunk[i] != at(pos + i)) {
              check(false, "sequential byte at " + (pos + i));
            }
          }
        }
        check(pos == size, "sequential read ended at " + pos);
      }
      long t2 = System.nanoTime();
      store.delete(location);
      System.out.printf("OK: wrote %d MB in %d ms, read by range and sequentially in %d ms, max heap %d MB%n",
          size >> 20, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.out.println("FAILED: " + what);
      System.exit(1);
    }
  }
}
