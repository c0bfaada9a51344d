package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import java.util.List;

/** The complete live file set at one table version; replay starts here instead of at the first commit. */
public record Checkpoint(long version, int schemaId, List<DataFile> files) {
  public Checkpoint {
    files = List.copyOf(files);
  }
}
