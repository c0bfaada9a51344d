package dev.snaplog.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * How values print. Text uses the same forms {@link Literals#toText} reads back (ISO-8601 times, Base64
 * binary, plain decimals), so what {@code scan} prints can be pasted into {@code --where} or a CSV file.
 * Values of a column print by its type ({@link #json(Type, Object)}): structs, lists and maps in the JSON shape
 * JSON lines input reads back, so a scan in JSON lines can be appended again unchanged.
 */
public final class Values {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Values() {}

  /** Text of a value of any class used in command output; null prints as {@code null}. */
  public static String text(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof ByteBuffer bb) {
      return Literals.toText(Type.BINARY, bb);
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(text(v)));
      return sb.toString();
    }
    return value.toString();
  }

  /**
   * Text of a value of a column of {@code type}: the text form of a scalar, the compact JSON of a nested value
   * (as {@link #json(Type, Object)} gives it); null prints as {@code null}.
   */
  public static String text(Type type, Object value) {
    return value != null && type != null && type.isNested() ? json(type, value).toString() : text(value);
  }

  /**
   * A value of a column of {@code type} as a JSON node: a struct is an object by field name, a list an array, a
   * map an object when its keys are strings and otherwise an array of {@code {"key": k, "value": v}} objects
   * (an object name can hold only text); scalars as {@link #json(Object)}. A null type means "not a column".
   */
  public static JsonNode json(Type type, Object value) {
    if (value == null || type == null || !type.isNested()) {
      return json(value);
    }
    if (type.id() == TypeId.STRUCT) {
      Record r = (Record) value;
      ObjectNode o = NODES.objectNode();
      for (int i = 0; i < type.fields().size(); i++) {
        Field f = type.fields().get(i);
        o.set(f.name(), json(f.type(), r.get(i)));
      }
      return o;
    }
    if (type.id() == TypeId.LIST) {
      ArrayNode a = NODES.arrayNode();
      ((List<?>) value).forEach(v -> a.add(json(type.elementField().type(), v)));
      return a;
    }
    Type keyType = type.keyField().type();
    Type valueType = type.valueField().type();
    if (keyType.id() == TypeId.STRING) {
      ObjectNode o = NODES.objectNode();
      ((Map<?, ?>) value).forEach((k, v) -> o.set((String) k, json(valueType, v)));
      return o;
    }
    ArrayNode entries = NODES.arrayNode();
    ((Map<?, ?>) value).forEach((k, v) -> entries.addObject().<ObjectNode>set(Type.KEY, json(keyType, k))
        .set(Type.VALUE, json(valueType, v)));
    return entries;
  }

  /** A value as a JSON node: numbers and booleans stay typed, maps and lists nest, the rest prints as text. */
  public static JsonNode json(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode n) {
      return n;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString()); // JSON has no NaN
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Map<?, ?> m) {
      ObjectNode o = NODES.objectNode();
      m.forEach((k, v) -> o.set(String.valueOf(k), json(v)));
      return o;
    }
    if (value instanceof List<?> l) {
      ArrayNode a = NODES.arrayNode();
      l.forEach(v -> a.add(json(v)));
      return a;
    }
    return NODES.textNode(text(value));
  }
}
