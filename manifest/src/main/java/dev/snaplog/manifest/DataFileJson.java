package dev.snaplog.manifest;

import static dev.snaplog.core.types.LossyInput.ALLOW;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON form of a data file entry. Locations under the table are stored relative to it (tables can be moved
 * or copied as a whole); stats bounds are stored as text in the column type's literal form, keyed by field id.
 */
public final class DataFileJson {
  private DataFileJson() {}

  public static ObjectNode toJson(DataFile file, Schema schema, TableLocations locations) {
    ObjectNode n = Json.object();
    n.put("location", locations.relativize(file.location()));
    n.put("format", file.format());
    n.put("records", file.recordCount());
    n.put("bytes", file.fileSizeBytes());
    n.set("stats", statsToJson(file.columnStats(), schema));
    return n;
  }

  public static DataFile fromJson(JsonNode n, Schema schema, TableLocations locations, String source) {
    Map<Integer, ColumnStats> stats = statsFromJson(n.get("stats"), schema, source);
    return new DataFile(locations.resolve(Json.requiredString(n, "location", source)),
        Json.requiredString(n, "format", source), Json.requiredLong(n, "records", source),
        Json.requiredLong(n, "bytes", source), stats);
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
      e.getValue().min().ifPresent(v -> s.put("min", Literals.toText(field.type(), v)));
      e.getValue().max().ifPresent(v -> s.put("max", Literals.toText(field.type(), v)));
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
