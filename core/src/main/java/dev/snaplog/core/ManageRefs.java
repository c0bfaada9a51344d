package dev.snaplog.core;

import java.util.Map;

/**
 * Adds and removes tags (names for snapshots) and branches (lines of commits apart from main), and
 * fast-forwards main to a branch. All changes are committed as one table version; the result is the table's
 * refs after the commit: tags and branch heads by name, with {@code main} for the current snapshot.
 */
public interface ManageRefs extends PendingUpdate<Map<String, Long>> {
  /** The name of the table's main line of commits. */
  String MAIN = "main";

  /** Starts a branch at {@code snapshotId}, which must be in the table's history. */
  ManageRefs createBranch(String name, long snapshotId);

  /** Removes a branch; its snapshots stay reachable only through tags or main. */
  ManageRefs removeBranch(String name);

  /**
   * Makes main's current snapshot the branch head. Allowed only when main's current snapshot is the branch
   * head or one of its ancestors (main has not moved on since the branch started); otherwise a
   * ValidationException.
   */
  ManageRefs fastForward(String branch);

  /**
   * Names {@code snapshotId} (which must be in the table's history).
   *
   * @throws dev.snaplog.core.exceptions.ValidationException at commit if the tag exists (remove it first)
   */
  ManageRefs createTag(String name, long snapshotId);

  /** Removes a tag; a ValidationException at commit if there is no such tag. */
  ManageRefs removeTag(String name);
}
