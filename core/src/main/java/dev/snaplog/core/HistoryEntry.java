package dev.snaplog.core;

import java.time.Instant;

/**
 * One committed table version: which snapshot became current at what time. A rollback adds an entry that
 * makes an older snapshot current again, so time travel by timestamp follows what readers actually saw.
 */
public record HistoryEntry(long version, long timestampMillis, long snapshotId, String operation) {
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }
}
