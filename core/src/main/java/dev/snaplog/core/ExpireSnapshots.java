package dev.snaplog.core;

import java.time.Instant;

/**
 * Drops old versions from the table's history, then deletes the files only they referenced. Tagged snapshots
 * are kept whatever their age. The history change is committed first; files are deleted only after that,
 * so a crash part-way leaves a readable table and at worst orphan files (see {@link RemoveOrphanFiles}).
 *
 * <p>With neither setting, versions older than 5 days are expired. The current version is never expired.
 */
public interface ExpireSnapshots extends PendingUpdate<ExpireSnapshots.Result> {
  /** Expires versions committed before {@code time}, except the one that was current at that time. */
  ExpireSnapshots olderThan(Instant time);

  /**
   * Keeps the versions of the {@code n} newest snapshots to have been current, whatever their age. Versions
   * that did not change the data (tags, expiry itself) do not count.
   */
  ExpireSnapshots retainLast(int n);

  /**
   * What an expiry did.
   *
   * @param oldestRetainedVersion the new floor of the history
   * @param expiredVersions versions dropped from the history
   * @param deletedFiles objects deleted (data files, log records, checkpoints, metadata, index objects)
   * @param deletedDataFiles of those, data files
   */
  record Result(long oldestRetainedVersion, long expiredVersions, long deletedFiles, long deletedDataFiles) {}
}
