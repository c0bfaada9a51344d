package dev.snaplog.manifest;

/**
 * The last commit token a writer committed: its sequence number and the snapshot that holds it. Commits with
 * a sequence at or below it are duplicates of work already committed.
 */
public record WriterMark(long sequence, long snapshotId) {}
