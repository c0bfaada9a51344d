package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content of a table's pointer: the version it heads and where that version's metadata is. Kept tiny so
 * the compare-and-swap moves few bytes.
 *
 * @param version table version
 * @param metadataLocation full location of the metadata file of that version
 */
public record PointerFile(long version, String metadataLocation) {

  public byte[] toBytes(TableLocations locations) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.POINTER);
    n.put("version", version);
    n.put("metadata", locations.relativize(metadataLocation));
    return Json.write(n);
  }

  public static PointerFile fromBytes(byte[] bytes, TableLocations locations) {
    String where = locations.pointer();
    ObjectNode n = Json.parse(bytes, where);
    Json.checkFormatVersion(n, where, FormatVersions.POINTER);
    return new PointerFile(Json.requiredLong(n, "version", where),
        locations.resolve(Json.requiredString(n, "metadata", where)));
  }
}
