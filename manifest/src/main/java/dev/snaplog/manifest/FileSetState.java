package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to rebuild the live data files of a version: load the checkpoint (if any), then replay the log records
 * written after it, oldest first. Locations are full.
 *
 * <p>A log record is written before the version that commits it is known (it is reused by every attempt of
 * the commit), so its new files carry no data sequence number; they inherit the version that committed the
 * record, listed in {@code logVersions}. A checkpoint stores the resolved numbers.
 *
 * @param checkpoint the newest checkpoint at or before this version
 * @param logRecords log records committed after the checkpoint, oldest first; bounded by the checkpoint interval
 * @param logVersions the version that committed each log record, in the same order; empty for file sets
 *     written before data sequence numbers existed (their files keep number 0)
 */
public record FileSetState(Optional<String> checkpoint, List<String> logRecords, List<Long> logVersions) {
  public static final FileSetState EMPTY = new FileSetState(Optional.empty(), List.of(), List.of());

  public FileSetState {
    logRecords = List.copyOf(logRecords);
    logVersions = List.copyOf(logVersions);
    if (!logVersions.isEmpty() && logVersions.size() != logRecords.size()) {
      throw new IllegalArgumentException("file set with " + logRecords.size() + " log records and "
          + logVersions.size() + " versions");
    }
  }

  /** A file set of log records whose versions are not known (written before versions were recorded). */
  public FileSetState(Optional<String> checkpoint, List<String> logRecords) {
    this(checkpoint, logRecords, List.of());
  }

  /** This file set with {@code logRecord}, committed at {@code version}, appended. */
  public FileSetState plus(String logRecord, long version) {
    List<String> next = new ArrayList<>(logRecords);
    next.add(logRecord);
    List<Long> versions = new ArrayList<>();
    if (logVersions.isEmpty()) {
      logRecords.forEach(l -> versions.add(0L)); // written before versions were recorded: unknown
    } else {
      versions.addAll(logVersions);
    }
    versions.add(version);
    return new FileSetState(checkpoint, next, versions);
  }

  /** The version that committed the {@code i}-th log record; 0 when unknown. */
  public long logVersion(int i) {
    return logVersions.isEmpty() ? 0 : logVersions.get(i);
  }

  /** {@code file} with the data sequence number it inherits from the {@code i}-th log record, if it has none. */
  public DataFile inherit(DataFile file, int i) {
    long version = logVersion(i);
    return file.dataSequenceNumber() == 0 && version > 0 ? file.withDataSequenceNumber(version) : file;
  }
}
