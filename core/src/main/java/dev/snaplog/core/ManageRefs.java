package dev.snaplog.core;

import java.util.Map;

/**
 * Adds and removes tags: names for snapshots, for time travel by name. Committed as one table version; the
 * result is the table's tags after the commit.
 */
public interface ManageRefs extends PendingUpdate<Map<String, Long>> {
  /**
   * Names {@code snapshotId} (which must be in the table's history).
   *
   * @throws dev.snaplog.core.exceptions.ValidationException at commit if the tag exists (remove it first)
   */
  ManageRefs createTag(String name, long snapshotId);

  /** Removes a tag; a ValidationException at commit if there is no such tag. */
  ManageRefs removeTag(String name);
}
