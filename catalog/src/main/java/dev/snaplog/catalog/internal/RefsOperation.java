package dev.snaplog.catalog.internal;

import dev.snaplog.core.Limits;
import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.manifest.BranchState;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Changes tags and branches in one committed version; re-validated against the newest version on retry. */
final class RefsOperation implements ManageRefs {
  private final TableOperations ops;
  private final Map<String, Long> tagCreates = new LinkedHashMap<>();
  private final List<String> tagRemoves = new ArrayList<>();
  private final Map<String, Long> branchCreates = new LinkedHashMap<>();
  private final List<String> branchRemoves = new ArrayList<>();
  private String fastForward;

  RefsOperation(TableOperations ops) {
    this.ops = ops;
  }

  @Override
  public ManageRefs createTag(String name, long snapshotId) {
    tagCreates.put(checkName(name), snapshotId);
    return this;
  }

  @Override
  public ManageRefs removeTag(String name) {
    tagRemoves.add(checkName(name));
    return this;
  }

  @Override
  public ManageRefs createBranch(String name, long snapshotId) {
    ValidationException.check(!MAIN.equals(name), "Table %s: '%s' is the main line; pick another branch name",
        ops.id(), name);
    branchCreates.put(checkName(name), snapshotId);
    return this;
  }

  @Override
  public ManageRefs removeBranch(String name) {
    ValidationException.check(!MAIN.equals(name), "Table %s: main cannot be removed", ops.id());
    branchRemoves.add(checkName(name));
    return this;
  }

  @Override
  public ManageRefs fastForward(String branch) {
    this.fastForward = checkName(branch);
    return this;
  }

  private String checkName(String name) {
    return Limits.checkName("Table " + ops.id() + ": tag or branch name", name);
  }

  @Override
  public Map<String, Long> apply() {
    return refsOf(applyTo(ops.refresh(), null));
  }

  /** The metadata after the changes; {@code committer} null for a dry run (no version fields set). */
  private TableMetadata applyTo(TableState base, Committer committer) {
    TableMetadata m = base.metadata();
    Map<String, Long> tags = new LinkedHashMap<>(m.tags());
    Map<String, BranchState> branches = new LinkedHashMap<>(m.branches());
    for (String name : tagRemoves) {
      if (tags.remove(name) == null) {
        throw invalid(base, "has no tag '" + name + "'");
      }
    }
    tagCreates.forEach((name, id) -> {
      if (tags.containsKey(name)) {
        throw invalid(base, "already has tag '" + name + "' (snapshot " + tags.get(name) + "); remove it first");
      }
      SnapshotLookup.bySnapshotId(ops, m, id);
      tags.put(name, id);
    });
    for (String name : branchRemoves) {
      if (branches.remove(name) == null) {
        throw invalid(base, "has no branch '" + name + "'");
      }
    }
    branchCreates.forEach((name, id) -> {
      if (branches.containsKey(name)) {
        throw invalid(base, "already has branch '" + name + "'; remove it first");
      }
      SnapshotState at = SnapshotLookup.bySnapshotId(ops, m, id);
      branches.put(name, new BranchState(at.snapshot(), at.fileSet()));
    });
    TableMetadata.Builder next = committer == null ? m.toBuilder()
        : committer.nextVersion(base, fastForward != null ? "fast-forward" : "refs", Committer.nextTimestamp(base));
    if (fastForward != null) {
      BranchState b = branches.get(fastForward);
      if (b == null) {
        throw invalid(base, "has no branch '" + fastForward + "'");
      }
      checkFastForward(m, b.head());
      next.currentSnapshot(b.head()).fileSet(b.fileSet());
    }
    return next.tags(tags).branches(branches).build();
  }

  /** Main may move to the branch head only if its current snapshot is on the branch's line of ancestors. */
  private void checkFastForward(TableMetadata m, Snapshot branchHead) {
    Optional<Snapshot> main = m.currentSnapshot();
    if (main.isEmpty()) {
      return;
    }
    long target = main.get().snapshotId();
    Optional<Snapshot> s = Optional.of(branchHead);
    while (s.isPresent()) {
      if (s.get().snapshotId() == target) {
        return;
      }
      if (s.get().sequenceNumber() < main.get().sequenceNumber() || s.get().parentId().isEmpty()) {
        break;
      }
      s = Optional.of(SnapshotLookup.bySnapshotId(ops, m, s.get().parentId().get()).snapshot());
    }
    throw new ValidationException("Table " + ops.id() + ": cannot fast-forward main to branch '" + fastForward
        + "': main's current snapshot " + target + " is not an ancestor of the branch head "
        + branchHead.snapshotId() + " (main moved on after the branch started)", ops.id().toString(), m.version());
  }

  private ValidationException invalid(TableState base, String problem) {
    return new ValidationException("Table " + ops.id() + " " + problem, ops.id().toString(), base.version());
  }

  private static Map<String, Long> refsOf(TableMetadata m) {
    Map<String, Long> out = new TreeMap<>(m.tags());
    m.branches().forEach((name, b) -> out.put(name, b.head().snapshotId()));
    m.currentSnapshot().ifPresent(s -> out.put(MAIN, s.snapshotId()));
    return out;
  }

  @Override
  public Map<String, Long> commit() {
    ValidationException.check(!tagCreates.isEmpty() || !tagRemoves.isEmpty() || !branchCreates.isEmpty()
        || !branchRemoves.isEmpty() || fastForward != null, "Table %s: no ref changes to commit", ops.id());
    Committer committer = new Committer(ops);
    committer.commit("refs", base -> new Committer.Next(applyTo(base, committer)));
    return refsOf(ops.current().metadata());
  }
}
