package dev.snaplog.core;

import java.time.Instant;
import java.util.List;

/**
 * Deletes objects under the table that no retained version references and that are older than a safety age
 * (default 3 days), so files of other writers' commits still in flight are never touched.
 */
public interface RemoveOrphanFiles {
  /** Only objects last modified before {@code time} are candidates. */
  RemoveOrphanFiles olderThan(Instant time);

  /** Lists what would be deleted without deleting it. */
  RemoveOrphanFiles dryRun(boolean dryRun);

  /** @return the orphan locations found (deleted unless dry run) */
  List<String> execute();
}
