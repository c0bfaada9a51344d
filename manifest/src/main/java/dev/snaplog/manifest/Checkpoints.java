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
    if (draft.fileSet().logRecords().size() < interval) {
      return draft;
    }
    Map<String, DataFile> added = new LinkedHashMap<>();
    Set<String> removed = new HashSet<>();
    for (String location : draft.fileSet().logRecords()) {
      LogRecord r = log.readLogRecord(location, draft);
      for (String gone : r.removed()) {
        if (added.remove(gone) == null) {
          removed.add(gone);
        }
      }
      r.added().forEach(f -> added.put(f.location(), f));
    }
    List<CheckpointPart> parts = new ArrayList<>();
    if (draft.fileSet().checkpoint().isPresent()) {
      for (CheckpointPart part : log.readCheckpoint(draft.fileSet().checkpoint().get(), draft).parts()) {
        parts.add(removed.isEmpty() ? part : withoutRemoved(log, draft, part, removed));
      }
      parts.removeIf(p -> p == null);
    }
    if (!added.isEmpty()) {
      parts.add(log.writePart(new ArrayList<>(added.values()), draft));
    }
    mergeNewest(log, draft, parts);
    Checkpoint checkpoint = new Checkpoint(draft.version(), draft.currentSchemaId(), parts);
    String location = log.writeCheckpoint(checkpoint, draft);
    return draft.toBuilder().fileSet(new FileSetState(Optional.of(location), List.of())).build();
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

  private static void mergeNewest(TableLog log, TableMetadata draft, List<CheckpointPart> parts) {
    while (parts.size() >= 2) {
      CheckpointPart newer = parts.get(parts.size() - 1);
      CheckpointPart older = parts.get(parts.size() - 2);
      if (older.fileCount() > newer.fileCount() || older.fileCount() + newer.fileCount() > MAX_PART_FILES) {
        return;
      }
      List<DataFile> merged = new ArrayList<>(log.readPart(older.location(), draft));
      merged.addAll(log.readPart(newer.location(), draft));
      parts.remove(parts.size() - 1);
      parts.set(parts.size() - 1, log.writePart(merged, draft));
    }
  }
}
