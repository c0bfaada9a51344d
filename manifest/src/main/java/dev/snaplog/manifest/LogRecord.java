package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import java.util.List;

/**
 * The delta manifest of one commit: which data files it added and removed. Immutable once written; replayed
 * in commit order to rebuild the live file set.
 */
public record LogRecord(String commitId, int schemaId, List<DataFile> added, List<String> removed) {
  public LogRecord {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
  }
}
