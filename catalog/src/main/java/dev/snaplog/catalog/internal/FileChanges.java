package dev.snaplog.catalog.internal;

import dev.snaplog.core.DataFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data files one commit removes and adds, as its log record states them. A file whose deletion vector
 * changes is in both lists: the old entry removed, the same location added with the new vector.
 */
record FileChanges(List<DataFile> removed, List<DataFile> added) {
  FileChanges {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  static FileChanges adding(List<DataFile> files) {
    return new FileChanges(List.of(), files);
  }

  boolean isEmpty() {
    return removed.isEmpty() && added.isEmpty();
  }

  List<String> removedLocations() {
    return removed.stream().map(DataFile::location).toList();
  }

  /** Locations this change removes or restates: the files a concurrent change must not have touched. */
  Set<String> touched() {
    return new HashSet<>(removedLocations());
  }

  /** Files whose location is new to the table. */
  long addedFiles() {
    Set<String> gone = touched();
    return added.stream().filter(f -> !gone.contains(f.location())).count();
  }

  /** Files whose location leaves the table. */
  long removedFiles() {
    Set<String> kept = new HashSet<>(added.stream().map(DataFile::location).toList());
    return removed.stream().filter(f -> !kept.contains(f.location())).count();
  }

  /** Live rows added: those of new files. */
  long addedRecords() {
    Set<String> gone = touched();
    return added.stream().filter(f -> !gone.contains(f.location())).mapToLong(DataFile::liveRecordCount).sum();
  }

  /** Live rows removed: those of files leaving the table, plus the rows newly deleted in restated files. */
  long removedRecords() {
    Map<String, Long> after = new HashMap<>();
    added.forEach(f -> after.put(f.location(), f.liveRecordCount()));
    return removed.stream().mapToLong(f -> f.liveRecordCount() - after.getOrDefault(f.location(), 0L)).sum();
  }

  long addedBytes() {
    Set<String> gone = touched();
    return added.stream().filter(f -> !gone.contains(f.location())).mapToLong(DataFile::fileSizeBytes).sum();
  }

  long removedBytes() {
    Set<String> kept = new HashSet<>(added.stream().map(DataFile::location).toList());
    return removed.stream().filter(f -> !kept.contains(f.location())).mapToLong(DataFile::fileSizeBytes).sum();
  }
}
