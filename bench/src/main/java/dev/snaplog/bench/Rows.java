package dev.snaplog.bench;

/** The synthetic rows every throughput run writes: id, a double derived from it, a short string. */
final class Rows {
  private static final String[] STRINGS = new String[1000];

  static {
    for (int i = 0; i < STRINGS.length; i++) {
      STRINGS[i] = "name-" + i;
    }
  }

  private Rows() {}

  static String string(long i) {
    return STRINGS[(int) (i % STRINGS.length)];
  }
}
