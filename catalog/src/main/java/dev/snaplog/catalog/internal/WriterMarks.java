package dev.snaplog.catalog.internal;

import dev.snaplog.manifest.WriterMark;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The bounded set of commit-token writers a table remembers. A new mark replaces its writer's old one; past
 * the bound, the writers whose last commit is oldest (lowest version, which snapshot ids carry) are dropped.
 */
final class WriterMarks {
  private WriterMarks() {}

  static Map<String, WriterMark> record(Map<String, WriterMark> marks, String writer, WriterMark mark, int max) {
    Map<String, WriterMark> next = new HashMap<>(marks);
    next.put(writer, mark);
    if (next.size() > max) {
      next.entrySet().stream()
          .sorted(Comparator.comparingLong((Map.Entry<String, WriterMark> e) ->
              SnapshotIds.versionOf(e.getValue().snapshotId())).thenComparing(Map.Entry::getKey))
          .limit(next.size() - max)
          .map(Map.Entry::getKey)
          .toList()
          .forEach(next::remove);
    }
    return next;
  }
}
