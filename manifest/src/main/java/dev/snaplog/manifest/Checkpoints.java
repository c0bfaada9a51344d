package dev.snaplog.manifest;

import java.util.List;
import java.util.Optional;

/** Decides when a version gets a checkpoint, and writes it. */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Returns {@code draft} unchanged while its log tail is shorter than {@code interval}; otherwise writes a
   * checkpoint of the draft's live files and returns the draft with an empty tail starting there. Written
   * before the pointer swap, so a version never names a checkpoint that does not exist; a lost race leaves
   * the checkpoint as an orphan.
   */
  public static TableMetadata maybeCheckpoint(TableLog log, TableMetadata draft, int interval) {
    if (draft.fileSet().logRecords().size() < interval) {
      return draft;
    }
    Checkpoint checkpoint = new Checkpoint(draft.version(), draft.currentSchemaId(), log.liveFiles(draft));
    String location = log.writeCheckpoint(checkpoint, draft);
    return draft.toBuilder().fileSet(new FileSetState(Optional.of(location), List.of())).build();
  }
}
