package dev.snaplog.manifest;

import dev.snaplog.core.DataFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides when a version gets a checkpoint, and writes it incrementally: the previous checkpoint's parts are
 * reused, the files committed since become a new part, and the newest parts are merged while the older of
 * the two is no bigger than the newer (a binary counter), so each file is rewritten O(log n) times over the
 * table's life and a part never exceeds {@link #MAX_PART_FILES}.
 */
public final class Checkpoints {
  /** Parts stop growing here; planning reads whole parts, so they stay a few MB at most. */
  public static final int MAX_PART_FILES = 20_000;

  private Checkpoints() {}

  /**
   * Returns {@code draft} unchanged while its log tail is shorter than {@code interval}; otherwise writes a
   * checkpoint of the draft's live files and returns the draft with an empty tail starting there. Written
   * before the pointer swap, so a version never names a checkpoint that does not exist; a lost race leaves
   * the new objects as orphans.
   */
  public static TableMetadata maybeCheckpoint(TableLog log, TableMetadata draft, int interval) {
    FileSetState next = maybeCheckpoint(log, draft, draft.fileSet(), interval);
    return next == draft.fileSet() ? draft : draft.toBuilder().fileSet(next).build();
  }

  /** As above for any file set (a branch's), with {@code draft} giving the version and schemas. */
  public static FileSetState maybeCheckpoint(TableLog log, TableMetadata draft, FileSetState fileSet,
      int interval) {
    if (fileSet.logRecords().size() < interval) {
      return fileSet;
    }
    Map<String, DataFile> added = new LinkedHashMap<>();
    Set<String> removed = new HashSet<>();
    for (int i = 0; i < fileSet.logRecords().size(); i++) {
      LogRecord r = log.readLogRecord(fileSet.logRecords().get(i), draft);
      for (String gone : r.removed()) {
        if (added.remove(gone) == null) {
          removed.add(gone);
        }
      }
      for (DataFile f : r.added()) {
        added.put(f.location(), fileSet.inherit(f, i));
      }
    }
    List<CheckpointPart> parts = new ArrayList<>();
    if (fileSet.checkpoint().isPresent()) {
      for (CheckpointPart part : log.readCheckpoint(fileSet.checkpoint().get(), draft).parts()) {
        parts.add(removed.isEmpty() ? part : withoutRemoved(log, draft, part, removed));
      }
      parts.removeIf(p -> p == null);
    }
    if (!added.isEmpty()) {
      parts.add(mergeIntoNewPart(log, draft, parts, new ArrayList<>(added.values())));
    }
    Checkpoint checkpoint = new Checkpoint(draft.version(), draft.currentSchemaId(), parts);
    String location = log.writeCheckpoint(checkpoint, draft);
    return new FileSetState(Optional.of(location), List.of(), List.of());
  }

  private static CheckpointPart withoutRemoved(TableLog log, TableMetadata draft, CheckpointPart part,
      Set<String> removed) {
    List<DataFile> files = log.readPart(part.location(), draft);
    List<DataFile> kept = files.stream().filter(f -> !removed.contains(f.location())).toList();
    if (kept.size() == files.size()) {
      return part;
    }
    return kept.isEmpty() ? null : log.writePart(kept, draft);
  }

  /**
   * Writes {@code files} as a new part, first taking in the newest existing parts while each is no bigger
   * than what has been gathered (removing them from {@code parts}). Merging happens in memory, so no
   * short-lived intermediate part is ever written.
   */
  private static CheckpointPart mergeIntoNewPart(TableLog log, TableMetadata draft, List<CheckpointPart> parts,
      List<DataFile> files) {
    List<DataFile> gathered = new ArrayList<>(files);
    while (!parts.isEmpty()) {
      CheckpointPart older = parts.get(parts.size() - 1);
      if (older.fileCount() > gathered.size() || older.fileCount() + gathered.size() > MAX_PART_FILES) {
        break;
      }
      List<DataFile> merged = new ArrayList<>(log.readPart(older.location(), draft));
      merged.addAll(gathered);
      gathered = merged;
      parts.remove(parts.size() - 1);
    }
    return log.writePart(gathered, draft);
  }
}
