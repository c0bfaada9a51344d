package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A two-level index of every retained version, so time travel at any depth reads at most three objects
 * (root, leaf, the version's metadata) while each metadata file stays bounded: it holds only the root's
 * location and the entries not yet flushed into a leaf. Leaves are immutable and never rewritten; the root
 * is rewritten once per leaf (every {@code leafSize} commits) and grows by one small entry each time.
 */
public final class HistoryIndex {
  /** One leaf as the root lists it. */
  public record LeafRef(long firstVersion, long lastVersion, long firstTimestamp, long lastTimestamp,
                        String location) {}

  private HistoryIndex() {}

  /**
   * The history of the version after {@code base}: base's own entry appended to the tail. Writes nothing; the
   * commit flushes a full tail with {@link #flushIfFull} before its swap.
   */
  public static HistoryState advance(TableMetadata base, String baseLocation) {
    IndexEntry entry = new IndexEntry(base.version(), base.lastUpdatedMillis(),
        base.currentSnapshot().map(s -> s.snapshotId()).orElse(0L), base.operation(), baseLocation,
        base.currentSnapshot().map(IndexEntry.SnapshotSummary::of));
    return base.history().plus(entry);
  }

  /**
   * {@code history} unchanged while its tail is shorter than {@code leafSize}; otherwise the tail written as a
   * new leaf and a new root listing it, with an empty tail.
   *
   * @param version the version the new objects are named after (the newest entry's)
   */
  public static HistoryState flushIfFull(TableLog log, HistoryState history, long version, int leafSize) {
    if (history.tail().size() < leafSize) {
      return history;
    }
    List<IndexEntry> leaf = history.tail();
    String leafLocation = log.writeHistoryLeaf(leaf, version);
    List<LeafRef> leaves = new ArrayList<>(history.root().map(r -> log.readHistoryRoot(r)).orElse(List.of()));
    leaves.add(new LeafRef(leaf.get(0).version(), leaf.get(leaf.size() - 1).version(),
        leaf.get(0).timestampMillis(), leaf.get(leaf.size() - 1).timestampMillis(), leafLocation));
    String root = log.writeHistoryRoot(leaves, version);
    return new HistoryState(Optional.of(root), List.of(), history.floor(), history.pinned());
  }

  /**
   * The history after expiring every version below {@code floor} except {@code pinned}: leaves wholly below
   * the floor leave the root (a new root is written if any do); entries below the floor in the remaining
   * leaves and tail are hidden by the floor.
   */
  public static HistoryState expire(TableLog log, HistoryState h, long floor, List<IndexEntry> pinned,
      long version) {
    Optional<String> root = h.root();
    if (root.isPresent()) {
      List<LeafRef> leaves = log.readHistoryRoot(root.get());
      List<LeafRef> kept = leaves.stream().filter(l -> l.lastVersion() >= floor).toList();
      if (kept.size() != leaves.size()) {
        root = kept.isEmpty() ? Optional.empty() : Optional.of(log.writeHistoryRoot(kept, version));
      }
    }
    List<IndexEntry> tail = h.tail().stream().filter(e -> e.version() >= floor).toList();
    return new HistoryState(root, tail, floor, pinned);
  }

  /** The entry of {@code version} among the versions before {@code head}; empty if absent or expired. */
  public static Optional<IndexEntry> byVersion(TableLog log, TableMetadata head, long version) {
    HistoryState h = head.history();
    for (IndexEntry p : h.pinned()) {
      if (p.version() == version) {
        return Optional.of(p);
      }
    }
    if (version < h.floor() || version >= head.version()) {
      return Optional.empty();
    }
    for (IndexEntry e : h.tail()) {
      if (e.version() == version) {
        return Optional.of(e);
      }
    }
    return searchLeaves(log, h, level -> level.firstReaching(version)).filter(e -> e.version() == version);
  }

  /** The newest entry committed at or before {@code millis} among the versions before {@code head}. */
  public static Optional<IndexEntry> byTime(TableLog log, TableMetadata head, long millis) {
    HistoryState h = head.history();
    List<IndexEntry> tail = h.tail();
    // a binary search like the leaves': with cold caches, each entry a lookup reads is a memory miss
    int inTail = HistoryLevel.lastAtMost(tail.size(), i -> tail.get(i).timestampMillis(), millis);
    if (inTail >= 0) {
      IndexEntry e = tail.get(inTail);
      return e.version() >= h.floor() ? Optional.of(e) : Optional.empty();
    }
    Optional<IndexEntry> found = searchLeaves(log, h, level -> level.lastStartedBy(millis));
    return found.filter(e -> e.version() >= h.floor());
  }

  /**
   * The root's leaf that {@code pick} chooses, then that leaf's entry it chooses: the same binary search on
   * both levels, over keys that grow along the history.
   */
  private static Optional<IndexEntry> searchLeaves(TableLog log, HistoryState h,
      ToIntFunction<HistoryLevel<?>> pick) {
    if (h.root().isEmpty()) {
      return Optional.empty();
    }
    HistoryLevel<LeafRef> root = log.historyRoot(h.root().get());
    int leaf = pick.applyAsInt(root);
    if (leaf < 0) {
      return Optional.empty();
    }
    HistoryLevel<IndexEntry> entries = log.historyLeaf(root.items().get(leaf).location());
    int entry = pick.applyAsInt(entries);
    return entry < 0 ? Optional.empty() : Optional.of(entries.items().get(entry));
  }

  /** Every retained entry before {@code head}, newest first; leaves are read lazily as iteration reaches them. */
  public static Iterable<IndexEntry> newestFirst(TableLog log, TableMetadata head) {
    HistoryState h = head.history();
    return () -> new Iterator<>() {
      private final List<IndexEntry> buffer = reversed(h.tail());
      private List<LeafRef> leaves;
      private int nextLeaf = -2;
      private int pos;

      @Override
      public boolean hasNext() {
        while (pos >= buffer.size()) {
          if (nextLeaf == -2) {
            leaves = h.root().map(log::readHistoryRoot).orElse(List.of());
            nextLeaf = leaves.size() - 1;
          }
          if (nextLeaf < 0) {
            return false;
          }
          buffer.clear();
          buffer.addAll(reversed(log.readHistoryLeaf(leaves.get(nextLeaf--).location())));
          pos = 0;
        }
        return buffer.get(pos).version() >= h.floor();
      }

      @Override
      public IndexEntry next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return buffer.get(pos++);
      }
    };
  }

  private static List<IndexEntry> reversed(List<IndexEntry> in) {
    List<IndexEntry> out = new ArrayList<>(in);
    Collections.reverse(out);
    return out;
  }

  static ObjectNode entryToJson(IndexEntry e, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("v", e.version()).put("ts", e.timestampMillis()).put("snapshot", e.snapshotId())
        .put("op", e.operation()).put("metadata", loc.relativize(e.metadataLocation()));
    e.snapshot().ifPresent(s -> {
      ObjectNode sn = n.putObject("s");
      s.parentId().ifPresent(p -> sn.put("parent", p));
      sn.put("ts", s.timestampMillis()).put("op", s.operation()).put("schema", s.schemaId());
    });
    return n;
  }

  /** Reads an entry of either format: entries of format 1 carry no snapshot summary. */
  static IndexEntry entryFromJson(JsonNode n, TableLocations loc, String source) {
    long snapshotId = Json.requiredLong(n, "snapshot", source);
    Optional<IndexEntry.SnapshotSummary> summary = Optional.empty();
    JsonNode s = n.get("s");
    if (s != null && !s.isNull()) {
      JsonNode parent = s.get("parent");
      summary = Optional.of(new IndexEntry.SnapshotSummary(snapshotId,
          parent == null || parent.isNull() ? Optional.empty() : Optional.of(parent.asLong()),
          Json.requiredLong(s, "ts", source), Json.requiredString(s, "op", source),
          Json.requiredInt(s, "schema", source)));
    }
    return new IndexEntry(Json.requiredLong(n, "v", source), Json.requiredLong(n, "ts", source), snapshotId,
        Json.requiredString(n, "op", source), loc.resolve(Json.requiredString(n, "metadata", source)), summary);
  }

  static byte[] leafToBytes(List<IndexEntry> entries, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.HISTORY_INDEX);
    ArrayNode arr = n.putArray("entries");
    entries.forEach(e -> arr.add(entryToJson(e, loc)));
    return Json.write(n);
  }

  static List<IndexEntry> leafFromBytes(byte[] bytes, String location, TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.HISTORY_INDEX);
    List<IndexEntry> out = new ArrayList<>();
    for (JsonNode e : Json.required(n, "entries", location)) {
      out.add(entryFromJson(e, loc, location));
    }
    return out;
  }

  static byte[] rootToBytes(List<LeafRef> leaves, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.HISTORY_INDEX);
    ArrayNode arr = n.putArray("leaves");
    for (LeafRef l : leaves) {
      arr.addObject().put("first-v", l.firstVersion()).put("last-v", l.lastVersion())
          .put("first-ts", l.firstTimestamp()).put("last-ts", l.lastTimestamp())
          .put("location", loc.relativize(l.location()));
    }
    return Json.write(n);
  }

  static List<LeafRef> rootFromBytes(byte[] bytes, String location, TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.HISTORY_INDEX);
    List<LeafRef> out = new ArrayList<>();
    for (JsonNode l : Json.required(n, "leaves", location)) {
      out.add(new LeafRef(Json.requiredLong(l, "first-v", location), Json.requiredLong(l, "last-v", location),
          Json.requiredLong(l, "first-ts", location), Json.requiredLong(l, "last-ts", location),
          loc.resolve(Json.requiredString(l, "location", location))));
    }
    return out;
  }
}
