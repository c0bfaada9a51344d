package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/** JSON form of log records (delta manifests) and checkpoints. */
public final class LogRecordJson {
  private LogRecordJson() {}

  public static byte[] toBytes(LogRecord r, Schema schema, TableLocations loc) {
    return toBytes(r, schema, Map.of(), loc);
  }

  /** @param partitionTypes the types of partition values by partition field id ({@code PartitionTypes}) */
  public static byte[] toBytes(LogRecord r, Schema schema, Map<Integer, Type> partitionTypes, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.LOG_RECORD);
    n.put("commit-id", r.commitId());
    n.put("schema-id", r.schemaId());
    ArrayNode added = n.putArray("added");
    r.added().forEach(f -> added.add(DataFileJson.toJson(f, schema, partitionTypes, loc)));
    ArrayNode removed = n.putArray("removed");
    r.removed().forEach(l -> removed.add(loc.relativize(l)));
    return Json.write(n);
  }

  public static LogRecord fromBytes(byte[] bytes, String location, IntFunction<Schema> schemas,
      TableLocations loc) {
    return fromBytes(bytes, location, schemas, Map.of(), loc);
  }

  public static LogRecord fromBytes(byte[] bytes, String location, IntFunction<Schema> schemas,
      Map<Integer, Type> partitionTypes, TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.LOG_RECORD);
    int schemaId = Json.requiredInt(n, "schema-id", location);
    Schema schema = schemas.apply(schemaId);
    List<DataFile> added = new ArrayList<>();
    for (JsonNode f : Json.required(n, "added", location)) {
      added.add(DataFileJson.fromJson(f, schema, partitionTypes, loc, location));
    }
    List<String> removed = new ArrayList<>();
    for (JsonNode l : n.path("removed")) {
      removed.add(loc.resolve(l.asText()));
    }
    return new LogRecord(Json.requiredString(n, "commit-id", location), schemaId, added, removed);
  }

  public static byte[] checkpointToBytes(Checkpoint c, Schema schema, TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.CHECKPOINT);
    n.put("version", c.version());
    n.put("schema-id", c.schemaId());
    ArrayNode parts = n.putArray("parts");
    for (CheckpointPart p : c.parts()) {
      parts.addObject().put("location", loc.relativize(p.location())).put("files", p.fileCount())
          .put("records", p.recordCount()).set("stats", DataFileJson.statsToJson(p.stats(), schema));
    }
    return Json.write(n);
  }

  public static Checkpoint checkpointFromBytes(byte[] bytes, String location, IntFunction<Schema> schemas,
      TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.CHECKPOINT);
    int schemaId = Json.requiredInt(n, "schema-id", location);
    Schema schema = schemas.apply(schemaId);
    List<CheckpointPart> parts = new ArrayList<>();
    for (JsonNode p : Json.required(n, "parts", location)) {
      parts.add(new CheckpointPart(loc.resolve(Json.requiredString(p, "location", location)),
          Json.requiredLong(p, "files", location), Json.requiredLong(p, "records", location),
          DataFileJson.statsFromJson(p.get("stats"), schema, location)));
    }
    return new Checkpoint(Json.requiredLong(n, "version", location), schemaId, parts);
  }

  /** A checkpoint part: a list of data files, gzip-compressed (parts are the one log object that gets big). */
  public static byte[] partToBytes(List<DataFile> files, Schema schema, TableLocations loc) {
    return partToBytes(files, schema, Map.of(), loc);
  }

  public static byte[] partToBytes(List<DataFile> files, Schema schema, Map<Integer, Type> partitionTypes,
      TableLocations loc) {
    ObjectNode n = Json.object();
    n.put("format-version", FormatVersions.CHECKPOINT);
    n.put("schema-id", schema.schemaId());
    ArrayNode arr = n.putArray("files");
    files.forEach(f -> arr.add(DataFileJson.toJson(f, schema, partitionTypes, loc)));
    return Json.gzip(Json.write(n));
  }

  public static List<DataFile> partFromBytes(byte[] bytes, String location, IntFunction<Schema> schemas,
      TableLocations loc) {
    return partFromBytes(bytes, location, schemas, Map.of(), loc);
  }

  public static List<DataFile> partFromBytes(byte[] bytes, String location, IntFunction<Schema> schemas,
      Map<Integer, Type> partitionTypes, TableLocations loc) {
    ObjectNode n = Json.parse(bytes, location);
    Json.checkFormatVersion(n, location, FormatVersions.CHECKPOINT);
    Schema schema = schemas.apply(Json.requiredInt(n, "schema-id", location));
    List<DataFile> files = new ArrayList<>();
    for (JsonNode f : Json.required(n, "files", location)) {
      files.add(DataFileJson.fromJson(f, schema, partitionTypes, loc, location));
    }
    return files;
  }
}
