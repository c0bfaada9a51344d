package dev.snaplog.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 *
 * <p>Jackson's default read limits (20 million characters per string, 50,000 per field name) guard parsers of
 * untrusted input; here they would make a table unreadable after a writer, this build or an older one, stored a
 * longer string, as older builds did with unbounded stats bounds and names. Every format object is read whole
 * into memory anyway, so its size already bounds what a parse can allocate: string and name lengths are not
 * limited. Nesting stays limited, far above the few levels the format uses.
 */
public final class Json {
  static final int MAX_NESTING_DEPTH = 64;

  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(Integer.MAX_VALUE)
          .maxNameLength(Integer.MAX_VALUE)
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .build())
      .build());

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

  /** The compact JSON text of {@code node}, for a JSON value held inside another encoding. */
  static String text(JsonNode node) {
    return new String(write(node), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Parses a JSON value held as text inside {@code location}; malformed text is a CorruptTableException. */
  static JsonNode parseFragment(String text, String location) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw corrupt(location, "holds invalid JSON text: " + e.getMessage(), e);
    }
  }

  /** Gzip-compresses an encoded object (used for checkpoint parts, where it saves 5-7x; see docs/design.md). */
  static byte[] gzip(byte[] bytes) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length / 4 + 64);
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 1 << 16)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory gzip failed", e);
    }
    return out.toByteArray();
  }

  private static boolean isGzip(byte[] bytes) {
    return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
  }

  /**
   * Parses bytes read from {@code location}, gzip-compressed or not (recognised by the gzip magic number, so
   * readers need no hint); malformed or truncated content is a CorruptTableException.
   */
  public static ObjectNode parse(byte[] bytes, String location) {
    if (isGzip(bytes)) {
      try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
          new java.io.ByteArrayInputStream(bytes))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw corrupt(location, "is a damaged or truncated gzip stream: " + e.getMessage(), e);
      }
    }
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
