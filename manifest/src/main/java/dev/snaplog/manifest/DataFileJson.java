package dev.snaplog.manifest;

import static dev.snaplog.core.types.LossyInput.ALLOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.FileContent;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.Type;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * JSON form of a data file entry. Locations under the table are stored relative to it (tables can be moved
 * or copied as a whole); stats bounds are stored as text in the column type's literal form, keyed by field id.
 */
public final class DataFileJson {
  private DataFileJson() {}

  public static ObjectNode toJson(DataFile file, Schema schema, TableLocations locations) {
    return toJson(file, schema, Map.of(), locations);
  }

  /**
   * @param partitionTypes the types of partition values by partition field id (see {@code PartitionTypes})
   */
  public static ObjectNode toJson(DataFile file, Schema schema, Map<Integer, Type> partitionTypes,
      TableLocations locations) {
    ObjectNode n = Json.object();
    n.put("location", locations.relativize(file.location()));
    n.put("format", file.format());
    n.put("records", file.recordCount());
    n.put("bytes", file.fileSizeBytes());
    n.set("stats", statsToJson(file.columnStats(), schema));
    n.put("content", file.content().id());
    n.put("spec-id", file.specId());
    n.set("partition", valuesToJson(file.partition(), partitionTypes));
    file.deletionVector().ifPresent(dv -> n.putObject("deletion-vector")
        .put("location", locations.relativize(dv.location())).put("offset", dv.offset())
        .put("length", dv.length()).put("deleted", dv.deletedCount()));
    if (file.dataSequenceNumber() > 0) {
      n.put("data-sequence-number", file.dataSequenceNumber());
    }
    return n;
  }

  /**
   * Reads an entry of any format version: entries of version 1 carry none of content, spec id, partition,
   * deletion vector and data sequence number, and read as unpartitioned data files with no deleted rows.
   */
  public static DataFile fromJson(JsonNode n, Schema schema, TableLocations locations, String source) {
    return fromJson(n, schema, Map.of(), locations, source);
  }

  public static DataFile fromJson(JsonNode n, Schema schema, Map<Integer, Type> partitionTypes,
      TableLocations locations, String source) {
    Map<Integer, ColumnStats> stats = statsFromJson(n.get("stats"), schema, source);
    String contentId = n.path("content").asText(FileContent.DATA.id());
    FileContent content = FileContent.fromId(contentId).orElseThrow(() -> Json.corrupt(source,
        "has a file entry of content kind '" + contentId + "', which this Snaplog does not know", null));
    long records = Json.requiredLong(n, "records", source);
    Optional<DeletionVectorRef> dv = Optional.empty();
    JsonNode d = n.get("deletion-vector");
    if (d != null && !d.isNull()) {
      long deleted = Json.requiredLong(d, "deleted", source);
      if (deleted <= 0 || deleted > records) {
        throw Json.corrupt(source, "has a deletion vector of " + deleted + " rows for a file of " + records, null);
      }
      dv = Optional.of(new DeletionVectorRef(locations.resolve(Json.requiredString(d, "location", source)),
          Json.requiredLong(d, "offset", source), Json.requiredLong(d, "length", source), deleted));
    }
    return new DataFile(locations.resolve(Json.requiredString(n, "location", source)),
        Json.requiredString(n, "format", source), records, Json.requiredLong(n, "bytes", source), stats, content,
        n.path("spec-id").asInt(PartitionSpec.UNPARTITIONED.specId()),
        valuesFromJson(n.get("partition"), partitionTypes, source), dv, n.path("data-sequence-number").asLong(0));
  }

  /** Partition values keyed by partition field id, in the literal text form of the transform's result type. */
  static ObjectNode valuesToJson(Map<Integer, Object> values, Map<Integer, Type> partitionTypes) {
    ObjectNode out = Json.object();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (e.getValue() == null) {
        out.putNull(String.valueOf(e.getKey()));
      } else {
        Type type = partitionTypes.get(e.getKey());
        if (type == null) {
          throw new IllegalStateException("no partition field " + e.getKey() + " in the table's specs");
        }
        out.put(String.valueOf(e.getKey()), Literals.toText(type, e.getValue()));
      }
    });
    return out;
  }

  static Map<Integer, Object> valuesFromJson(JsonNode node, Map<Integer, Type> partitionTypes, String source) {
    Map<Integer, Object> values = new HashMap<>();
    if (node == null) {
      return values;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = Integer.parseInt(e.getKey());
      if (e.getValue().isNull()) {
        values.put(id, null);
        continue;
      }
      Type type = partitionTypes.get(id);
      if (type == null) {
        throw Json.corrupt(source, "has a value of partition field " + id + ", which no partition spec of the"
            + " table holds", null);
      }
      try {
        values.put(id, Literals.fromText(type, e.getValue().asText(), ALLOW));
      } catch (ValidationException ex) {
        throw Json.corrupt(source, "has an unreadable value of partition field " + id, ex);
      }
    }
    return values;
  }

  /** Column stats keyed by field id, bounds in the column type's literal text form. */
  static ObjectNode statsToJson(Map<Integer, ColumnStats> columnStats, Schema schema) {
    ObjectNode stats = Json.object();
    columnStats.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      Field field = schema.findFieldById(e.getKey()).orElse(null);
      if (field == null) {
        return; // stats of a column the table does not know are dropped, never misread later
      }
      ObjectNode s = stats.putObject(String.valueOf(e.getKey()));
      s.put("nulls", e.getValue().nullCount());
      // a file written before its column was widened has bounds of the narrower type: written as the wider one,
      // they read back under this schema (a float bound as its exact double, a date as its midnight)
      e.getValue().min().ifPresent(v -> s.put("min", Literals.toText(field.type(),
          Promotions.widenBound(field.type(), v))));
      e.getValue().max().ifPresent(v -> s.put("max", Literals.toText(field.type(),
          Promotions.widenBound(field.type(), v))));
    });
    return stats;
  }

  static Map<Integer, ColumnStats> statsFromJson(JsonNode statsNode, Schema schema, String source) {
    Map<Integer, ColumnStats> stats = new HashMap<>();
    if (statsNode == null) {
      return stats;
    }
    Iterator<Map.Entry<String, JsonNode>> it = statsNode.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = Integer.parseInt(e.getKey());
      Field field = schema.findFieldById(id).orElse(null);
      if (field == null) {
        continue;
      }
      JsonNode s = e.getValue();
      try {
        // bounds are read as stored: older writers kept values that today's input checks would refuse
        Object min = s.hasNonNull("min") ? Literals.fromText(field.type(), s.get("min").asText(), ALLOW) : null;
        Object max = s.hasNonNull("max") ? Literals.fromText(field.type(), s.get("max").asText(), ALLOW) : null;
        stats.put(id, new ColumnStats(s.path("nulls").asLong(0), min, max));
      } catch (ValidationException ex) {
        throw Json.corrupt(source, "has unreadable stats for column " + field.name() + ": " + ex.getMessage(), ex);
      }
    }
    return stats;
  }
}
