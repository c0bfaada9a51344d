package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.List;

/** JSON form of a schema: {@code {"schema-id":0,"fields":[{"id":1,"name":"id","type":"long","required":true}]}}. */
public final class SchemaJson {
  private SchemaJson() {}

  public static ObjectNode toJson(Schema schema) {
    ObjectNode n = Json.object();
    n.put("schema-id", schema.schemaId());
    ArrayNode fields = n.putArray("fields");
    for (Field f : schema.fields()) {
      fields.addObject().put("id", f.id()).put("name", f.name()).put("type", f.type().toString())
          .put("required", f.required());
    }
    return n;
  }

  public static Schema fromJson(JsonNode node, String location) {
    List<Field> fields = new ArrayList<>();
    for (JsonNode f : Json.required(node, "fields", location)) {
      try {
        fields.add(new Field(Json.requiredInt(f, "id", location), Json.requiredString(f, "name", location),
            Type.parse(Json.requiredString(f, "type", location)), f.path("required").asBoolean(false)));
      } catch (ValidationException e) {
        throw Json.corrupt(location, "has an invalid schema field: " + e.getMessage(), e);
      }
    }
    return new Schema(Json.requiredInt(node, "schema-id", location), fields);
  }
}
