package dev.snaplog.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * How values print. Text uses the same forms {@link Literals#toText} reads back (ISO-8601 times, Base64
 * binary, plain decimals), so what {@code scan} prints can be pasted into {@code --where} or a CSV file.
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
