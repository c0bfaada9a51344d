package dev.snaplog.manifest;

/**
 * One version in the history index: when it was committed, which snapshot it made current (0 for none), by
 * which operation, and where its metadata is.
 */
public record IndexEntry(long version, long timestampMillis, long snapshotId, String operation,
                         String metadataLocation) {}
