package dev.snaplog.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.exceptions.CorruptTableException;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shared JSON plumbing for the format objects: one mapper, compact output, and field readers whose errors name
 * the object and the field, so a truncated or hand-edited file is reported precisely.
 */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON tree could not be written", e);
    }
  }

  /** Parses bytes read from {@code location}; malformed or truncated JSON is a CorruptTableException. */
  public static ObjectNode parse(byte[] bytes, String location) {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw corrupt(location, "is not a JSON object" + (bytes.length == 0 ? " (empty file)" : ""), null);
      }
      return (ObjectNode) node;
    } catch (IOException e) {
      throw corrupt(location, "is not valid JSON (truncated or damaged): " + getOriginalMessage(e), e);
    }
  }

  private static String getOriginalMessage(IOException e) {
    return e.getMessage();
  }

  static CorruptTableException corrupt(String location, String problem, Throwable cause) {
    return new CorruptTableException("Object " + location + " " + problem, null, null, cause);
  }

  static JsonNode required(JsonNode node, String field, String location) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw corrupt(location, "lacks required field '" + field + "'", null);
    }
    return v;
  }

  static long requiredLong(JsonNode node, String field, String location) {
    JsonNode v = required(node, field, location);
    if (!v.canConvertToLong()) {
      throw corrupt(location, "has a non-integer '" + field + "'", null);
    }
    return v.asLong();
  }

  static int requiredInt(JsonNode node, String field, String location) {
    return (int) requiredLong(node, field, location);
  }

  static String requiredString(JsonNode node, String field, String location) {
    JsonNode v = required(node, field, location);
    if (!v.isTextual()) {
      throw corrupt(location, "has a non-text '" + field + "'", null);
    }
    return v.asText();
  }

  static String optionalString(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  static ObjectNode stringMapNode(Map<String, String> map) {
    ObjectNode n = object();
    map.forEach(n::put);
    return n;
  }

  /**
   * Checks the object's format version. Objects from a newer writer are refused with a message saying so,
   * rather than half-read.
   */
  static void checkFormatVersion(JsonNode node, String location, int supported) {
    long v = requiredLong(node, "format-version", location);
    if (v > supported || v < 1) {
      throw corrupt(location, "has format version " + v + "; this Snaplog reads versions up to " + supported
          + " (upgrade Snaplog to read it)", null);
    }
  }
}
