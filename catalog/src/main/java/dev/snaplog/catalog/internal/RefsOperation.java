package dev.snaplog.catalog.internal;

import dev.snaplog.core.ManageRefs;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates and removes tags in one committed version; re-validated against the newest version on retry. */
final class RefsOperation implements ManageRefs {
  private final TableOperations ops;
  private final Map<String, Long> creates = new LinkedHashMap<>();
  private final List<String> removes = new ArrayList<>();

  RefsOperation(TableOperations ops) {
    this.ops = ops;
  }

  @Override
  public ManageRefs createTag(String name, long snapshotId) {
    checkName(name);
    creates.put(name, snapshotId);
    return this;
  }

  @Override
  public ManageRefs removeTag(String name) {
    checkName(name);
    removes.add(name);
    return this;
  }

  private void checkName(String name) {
    ValidationException.check(name != null && !name.isBlank() && name.length() <= 255
        && name.chars().noneMatch(Character::isISOControl), "Table %s: tag name must be 1-255 printable"
        + " characters", ops.id());
  }

  @Override
  public Map<String, Long> apply() {
    return applyTo(ops.refresh());
  }

  private Map<String, Long> applyTo(TableState base) {
    Map<String, Long> tags = new LinkedHashMap<>(base.metadata().tags());
    for (String name : removes) {
      if (tags.remove(name) == null) {
        throw new ValidationException("Table " + ops.id() + " has no tag '" + name + "'", ops.id().toString(),
            base.version());
      }
    }
    creates.forEach((name, id) -> {
      if (tags.containsKey(name)) {
        throw new ValidationException("Table " + ops.id() + " already has tag '" + name + "' (snapshot "
            + tags.get(name) + "); remove it first", ops.id().toString(), base.version());
      }
      SnapshotLookup.bySnapshotId(ops, base.metadata(), id);
      tags.put(name, id);
    });
    return tags;
  }

  @Override
  public Map<String, Long> commit() {
    ValidationException.check(!creates.isEmpty() || !removes.isEmpty(), "Table %s: no tag changes to commit",
        ops.id());
    Committer committer = new Committer(ops);
    committer.commit("tag", base -> new Committer.Next(committer.nextVersion(base, "tag",
        Committer.nextTimestamp(base)).tags(applyTo(base)).build()));
    return ops.current().metadata().tags();
  }
}
