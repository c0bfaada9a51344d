package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content of a namespace's marker object. The marker is swapped like a table pointer: a drop first marks
 * it {@code dropping}, then checks the namespace is empty, then deletes it, while a table creation re-reads it
 * after creating its pointer. One of two racing calls therefore always sees the other, and no table is left
 * in a namespace that is gone.
 *
 * @param createdMillis when the namespace was created
 * @param dropping whether a drop is under way (a table created now would be refused)
 */
public record NamespaceMarker(long createdMillis, boolean dropping) {
  private static final int FORMAT_VERSION = 1;

  public NamespaceMarker markDropping() {
    return new NamespaceMarker(createdMillis, true);
  }

  public NamespaceMarker live() {
    return new NamespaceMarker(createdMillis, false);
  }

  public byte[] toBytes() {
    ObjectNode n = Json.object();
    n.put("format-version", FORMAT_VERSION);
    n.put("created-ms", createdMillis);
    if (dropping) {
      n.put("dropping", true);
    }
    return Json.write(n);
  }

  public static NamespaceMarker fromBytes(byte[] bytes, String location) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FORMAT_VERSION);
    return new NamespaceMarker(n.path("created-ms").asLong(0), n.path("dropping").asBoolean(false));
  }
}
