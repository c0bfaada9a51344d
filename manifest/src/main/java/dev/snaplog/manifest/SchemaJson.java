package dev.snaplog.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of a schema: {@code {"schema-id":0,"fields":[{"id":1,"name":"id","type":"long","required":true}]}}.
 * A primitive type is its name; a nested type is an object that carries the ids of its fields, as Iceberg
 * writes them: {@code {"type":"struct","fields":[...]}}, {@code {"type":"list","element-id":7,"element":"string",
 * "element-required":false}}, {@code {"type":"map","key-id":8,"key":"string","value-id":9,"value":"long",
 * "value-required":true}}. A field's default for rows written before it existed is {@code initial-default},
 * in the type's text form.
 */
public final class SchemaJson {
  private SchemaJson() {}

  public static ObjectNode toJson(Schema schema) {
    ObjectNode n = Json.object();
    n.put("schema-id", schema.schemaId());
    ArrayNode fields = n.putArray("fields");
    schema.fields().forEach(f -> fields.add(fieldToJson(f)));
    return n;
  }

  private static ObjectNode fieldToJson(Field f) {
    ObjectNode o = Json.object().put("id", f.id()).put("name", f.name());
    putType(o, "type", f.type());
    o.put("required", f.required());
    if (f.initialDefault() != null) {
      o.put("initial-default", Literals.toText(f.type(), f.initialDefault()));
    }
    return o;
  }

  private static void putType(ObjectNode parent, String key, Type t) {
    switch (t.id()) {
      case STRUCT -> {
        ObjectNode s = parent.putObject(key).put("type", "struct");
        ArrayNode fields = s.putArray("fields");
        t.fields().forEach(c -> fields.add(fieldToJson(c)));
      }
      case LIST -> {
        ObjectNode l = parent.putObject(key).put("type", "list").put("element-id", t.elementField().id());
        putType(l, "element", t.elementField().type());
        l.put("element-required", t.elementField().required());
      }
      case MAP -> {
        ObjectNode m = parent.putObject(key).put("type", "map").put("key-id", t.keyField().id());
        putType(m, "key", t.keyField().type());
        m.put("value-id", t.valueField().id());
        putType(m, "value", t.valueField().type());
        m.put("value-required", t.valueField().required());
      }
      default -> parent.put(key, t.toString());
    }
  }

  public static Schema fromJson(JsonNode node, String location) {
    List<Field> fields = new ArrayList<>();
    try {
      for (JsonNode f : Json.required(node, "fields", location)) {
        fields.add(fieldFromJson(f, location));
      }
      return new Schema(Json.requiredInt(node, "schema-id", location), fields);
    } catch (ValidationException e) {
      throw Json.corrupt(location, "has an invalid schema field: " + e.getMessage(), e);
    }
  }

  private static Field fieldFromJson(JsonNode f, String location) {
    Type type = typeFromJson(Json.required(f, "type", location), location);
    String dflt = Json.optionalString(f, "initial-default");
    return new Field(Json.requiredInt(f, "id", location), Json.requiredString(f, "name", location), type,
        f.path("required").asBoolean(false), dflt == null ? null : Literals.fromText(type, dflt));
  }

  private static Type typeFromJson(JsonNode t, String location) {
    if (t.isTextual()) {
      return Type.parse(t.asText());
    }
    String kind = Json.requiredString(t, "type", location);
    return switch (kind) {
      case "struct" -> {
        List<Field> fields = new ArrayList<>();
        for (JsonNode c : Json.required(t, "fields", location)) {
          fields.add(fieldFromJson(c, location));
        }
        yield Type.struct(fields);
      }
      case "list" -> Type.list(Json.requiredInt(t, "element-id", location),
          typeFromJson(Json.required(t, "element", location), location), t.path("element-required").asBoolean());
      case "map" -> Type.map(Json.requiredInt(t, "key-id", location),
          typeFromJson(Json.required(t, "key", location), location), Json.requiredInt(t, "value-id", location),
          typeFromJson(Json.required(t, "value", location), location), t.path("value-required").asBoolean());
      default -> throw new ValidationException("unknown nested type '" + kind + "'");
    };
  }
}
