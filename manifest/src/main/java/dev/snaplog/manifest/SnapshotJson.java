package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.Snapshot;
import java.util.Optional;

/** JSON form of a snapshot. */
public final class SnapshotJson {
  private SnapshotJson() {}

  public static ObjectNode toJson(Snapshot s) {
    ObjectNode n = Json.object();
    n.put("snapshot-id", s.snapshotId());
    s.parentId().ifPresent(p -> n.put("parent-id", p));
    n.put("sequence-number", s.sequenceNumber());
    n.put("timestamp-ms", s.timestampMillis());
    n.put("operation", s.operation());
    n.put("commit-id", s.commitId());
    n.put("schema-id", s.schemaId());
    n.set("summary", Json.stringMapNode(s.summary()));
    return n;
  }

  public static Snapshot fromJson(JsonNode n, String location) {
    JsonNode parent = n.get("parent-id");
    return new Snapshot(Json.requiredLong(n, "snapshot-id", location),
        parent == null || parent.isNull() ? Optional.empty() : Optional.of(parent.asLong()),
        Json.requiredLong(n, "sequence-number", location), Json.requiredLong(n, "timestamp-ms", location),
        Json.requiredString(n, "operation", location), Json.requiredString(n, "commit-id", location),
        Json.requiredInt(n, "schema-id", location), Json.stringMap(n.get("summary")));
  }
}
