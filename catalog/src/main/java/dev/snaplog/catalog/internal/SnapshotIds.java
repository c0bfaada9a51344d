package dev.snaplog.catalog.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Snapshot ids carry the version that created them in their high bits ({@code version << 16 | random}), so
 * finding a snapshot by id is an index lookup by version instead of a walk through history. The random low
 * bits keep ids of different tables (and of lost attempts) from looking alike.
 */
final class SnapshotIds {
  private static final int RANDOM_BITS = 16;

  private SnapshotIds() {}

  static long newId(long version) {
    return (version << RANDOM_BITS) | ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS);
  }

  static long versionOf(long snapshotId) {
    return snapshotId >>> RANDOM_BITS;
  }
}
