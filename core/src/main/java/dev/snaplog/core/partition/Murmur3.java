package dev.snaplog.core.partition;

/**
 * MurmurHash3, x86 32-bit variant, seed 0: the hash bucket partitioning is defined with, so that bucket numbers
 * agree with every other engine that follows the same table specification. No library on core's class path
 * provides it (Guava is not a dependency), and the function is small and fixed.
 */
final class Murmur3 {
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  private Murmur3() {}

  static int hash32(byte[] data) {
    int h = 0;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int j = i * 4;
      int k = (data[j] & 0xff) | (data[j + 1] & 0xff) << 8 | (data[j + 2] & 0xff) << 16 | (data[j + 3] & 0xff) << 24;
      h ^= mixK(k);
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int tail = blocks * 4;
    int k = 0;
    switch (data.length - tail) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
        // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
        // fall through
      case 1:
        k ^= data[tail] & 0xff;
        h ^= mixK(k);
        break;
      default:
        break;
    }
    h ^= data.length;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static int mixK(int k) {
    k *= C1;
    k = Integer.rotateLeft(k, 15);
    return k * C2;
  }
}
