package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The content of a table's pointer: the version it heads, where that version's metadata is, and where its
 * history index root is. Kept tiny so the compare-and-swap moves few bytes.
 *
 * <p>The root is a hint, not a second source of truth: the metadata names the root every lookup uses. A reader
 * that finds the root in the pointer reads it while it reads the metadata, so a new handle's first time travel
 * waits for one round trip fewer. Pointers written before the hint existed simply lack it, and readers that
 * predate it ignore the field, which is why the pointer's format version stays 1.
 *
 * @param version table version
 * @param metadataLocation full location of the metadata file of that version
 * @param historyRoot full location of that version's history index root, if it has one
 */
public record PointerFile(long version, String metadataLocation, Optional<String> historyRoot) {
  private static final String HISTORY_ROOT = "history-root";

  /** The pointer of {@code metadata}, stored at {@code metadataLocation}. */
  public static PointerFile of(TableMetadata metadata, String metadataLocation) {
    return new PointerFile(metadata.version(), metadataLocation, metadata.history().root());
  }

  public byte[] toBytes(TableLocations locations) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.POINTER);
    n.put("version", version);
    n.put("metadata", locations.relativize(metadataLocation));
    historyRoot.ifPresent(r -> n.put(HISTORY_ROOT, locations.relativize(r)));
    return Json.write(n);
  }

  public static PointerFile fromBytes(byte[] bytes, TableLocations locations) {
    String where = locations.pointer();
    ObjectNode n = Json.parse(bytes, where);
    Json.checkFormatVersion(n, where, FormatVersions.POINTER);
    return new PointerFile(Json.requiredLong(n, "version", where),
        locations.resolve(Json.requiredString(n, "metadata", where)),
        Optional.ofNullable(Json.optionalString(n, HISTORY_ROOT)).map(locations::resolve));
  }
}
