package dev.snaplog.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The history index as a version's metadata sees it: the root of the flushed part (a list of leaves of
 * {@code leafSize} entries each), the entries of the parent versions not flushed yet (bounded by the leaf
 * size), and the floor: the oldest version still retained after expiry.
 */
public record HistoryState(Optional<String> root, List<IndexEntry> tail, long floor) {
  public static final HistoryState EMPTY = new HistoryState(Optional.empty(), List.of(), 0);

  public HistoryState {
    tail = List.copyOf(tail);
  }

  HistoryState plus(IndexEntry entry) {
    List<IndexEntry> next = new ArrayList<>(tail);
    next.add(entry);
    return new HistoryState(root, next, floor);
  }
}
