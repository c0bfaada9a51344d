package dev.snaplog.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.LossyInput;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON value at a parser's current token as a value of a column's type, nested values included, into
 * the canonical Java form ({@link GenericRecord} for a struct, an unmodifiable {@link List} or {@link Map}).
 *
 * <p>A struct is a JSON object by field name: an unknown name is refused, an absent optional field is null and an
 * absent required one is refused. A list is a JSON array. A map is a JSON object whose names are the keys in the
 * text form of the key type, or an array of {@code {"key": k, "value": v}} objects (the form for keys of any
 * type, and the one {@code scan} prints for keys that are not strings). Every scalar, at any depth, is converted
 * by {@link Literals#coerce} exactly as a top-level column's value is. Errors name the file, line and column and
 * the value's path in the row ({@code address.city}, {@code items[2].sku}, {@code scores[7]}).
 */
final class JsonValueReader {
  private final JsonParser parser;
  private final String file;
  private final LossyInput lossy;

  JsonValueReader(JsonParser parser, String file, LossyInput lossy) {
    this.parser = parser;
    this.file = file;
    this.lossy = lossy;
  }

  /**
   * The fields of the object whose START_OBJECT is the current token, in the order of {@code fields}, leaving
   * the parser on its END_OBJECT. {@code path} is empty for a whole row, whose fields are the table's columns.
   */
  Object[] fields(Schema fields, String path) throws IOException {
    Object[] values = new Object[fields.size()];
    boolean[] seen = new boolean[fields.size()];
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      int pos = fields.position(key);
      if (pos < 0) {
        throw error(keyAt, path.isEmpty()
            ? "key '" + key + "' is not a column of the table; its columns are " + fields.columnNames()
            : "column '" + path + "': key '" + key + "' is not a field of the struct; its fields are "
                + fields.columnNames());
      }
      checkRepeat(seen[pos], keyAt, "key '" + key + "' appears twice in one object");
      seen[pos] = true;
      parser.nextToken();
      values[pos] = read(fields.fields().get(pos).type(), child(path, key));
    }
    for (int i = 0; i < values.length; i++) {
      Field f = fields.fields().get(i);
      if (values[i] == null && f.required()) {
        throw error(parser.currentTokenLocation(), "required " + (path.isEmpty() ? "column" : "field") + " '"
            + child(path, f.name()) + "' is " + (seen[i] ? "null" : "missing"));
      }
    }
    return values;
  }

  /** The value at the current token as a value of {@code type}; the parser is left on its last token. */
  Object read(Type type, String path) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    return switch (type.id()) {
      case STRUCT -> {
        expect(t == JsonToken.START_OBJECT, type, path, "a JSON object");
        yield GenericRecord.wrap(type.asSchema(), fields(type.asSchema(), path));
      }
      case LIST -> {
        expect(t == JsonToken.START_ARRAY, type, path, "a JSON array");
        yield list(type, path);
      }
      case MAP -> {
        expect(t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY, type, path,
            "a JSON object, or an array of {\"key\": ..., \"value\": ...} objects");
        yield t == JsonToken.START_OBJECT ? mapFromObject(type, path) : mapFromEntries(type, path);
      }
      default -> scalar(type, path);
    };
  }

  private Object scalar(Type type, String path) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    JsonToken t = parser.currentToken();
    Object raw = switch (t) {
      case VALUE_TRUE, VALUE_FALSE -> t == JsonToken.VALUE_TRUE;
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      // exact: a double would round 0.1 before it reaches a decimal(10,2) column
      case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
      case VALUE_STRING -> parser.getText();
      default -> throw error(at, "column '" + path + "' (" + type + "): found a JSON "
          + (t == JsonToken.START_ARRAY ? "array" : "object") + "; a " + type.id().typeName() + " value is a JSON"
          + " number, boolean or string in the type's text form");
    };
    return coerce(type, raw, path, at);
  }

  private Object coerce(Type type, Object raw, String path, JsonLocation at) {
    try {
      return Literals.coerce(type, raw, lossy);
    } catch (ValidationException e) {
      throw error(at, "column '" + path + "': " + e.getMessage());
    }
  }

  private List<Object> list(Type type, String path) throws IOException {
    Field element = type.elementField();
    List<Object> out = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      String at = path + "[" + out.size() + "]";
      out.add(notNull(element, read(element.type(), at), at));
    }
    return Collections.unmodifiableList(out);
  }

  private Map<Object, Object> mapFromObject(Type type, String path) throws IOException {
    Field key = type.keyField();
    Map<Object, Object> out = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      if (!key.type().isPrimitive()) {
        throw error(keyAt, "column '" + path + "': the keys of a " + type + " are " + key.type() + " values, which"
            + " an object name cannot hold; give the map as an array of {\"key\": ..., \"value\": ...} objects");
      }
      Object k = coerce(key.type(), name, path + " key", keyAt);
      parser.nextToken();
      put(out, k, value(type, path, name), keyAt, path);
    }
    return Collections.unmodifiableMap(out);
  }

  private Map<Object, Object> mapFromEntries(Type type, String path) throws IOException {
    Map<Object, Object> out = new LinkedHashMap<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation entryAt = parser.currentTokenLocation();
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw error(entryAt, "column '" + path + "': an entry of a " + type + " given as an array must be a"
            + " {\"key\": ..., \"value\": ...} object, found " + describe(parser.currentToken()));
      }
      Object k = null;
      Object v = null;
      boolean seenKey = false;
      boolean seenValue = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonLocation nameAt = parser.currentTokenLocation();
        parser.nextToken();
        if (name.equals(Type.KEY)) {
          checkRepeat(seenKey, nameAt, "key 'key' appears twice in one object");
          seenKey = true;
          k = read(type.keyField().type(), path + " key");
        } else if (name.equals(Type.VALUE)) {
          checkRepeat(seenValue, nameAt, "key 'value' appears twice in one object");
          seenValue = true;
          v = read(type.valueField().type(), path + "[" + k + "]");
        } else {
          throw error(nameAt, "column '" + path + "': a map entry has only the keys 'key' and 'value', found '"
              + name + "'");
        }
      }
      if (k == null) {
        throw error(entryAt, "column '" + path + "': a map entry needs a non-null 'key'");
      }
      put(out, k, notNull(type.valueField(), v, path + "[" + k + "]"), entryAt, path);
    }
    return Collections.unmodifiableMap(out);
  }

  private Object value(Type map, String path, Object key) throws IOException {
    String at = path + "[" + key + "]";
    return notNull(map.valueField(), read(map.valueField().type(), at), at);
  }

  private void put(Map<Object, Object> out, Object key, Object value, JsonLocation at, String path) {
    boolean repeated = out.containsKey(key);
    checkRepeat(repeated, at, "column '" + path + "': map key " + Literals.describe(key) + " appears twice in one"
        + " map");
    if (repeated) {
      out.remove(key); // the last value wins, in the position it was last given
    }
    out.put(key, value);
  }

  private Object notNull(Field f, Object value, String path) {
    if (value == null && f.required()) {
      throw error(parser.currentTokenLocation(), "column '" + path + "' is null, but the " + f.name() + "s of its"
          + " " + (f.name().equals(Type.ELEMENT) ? "list" : "map") + " are required (not null)");
    }
    return value;
  }

  private void checkRepeat(boolean repeated, JsonLocation at, String problem) {
    if (repeated && lossy == LossyInput.REFUSE) {
      throw error(at, problem + "; only one value can be stored (keep one, or pass --allow-lossy to keep the"
          + " last)");
    }
  }

  private void expect(boolean ok, Type type, String path, String expected) {
    if (!ok) {
      throw error(parser.currentTokenLocation(), "column '" + path + "' (" + type + "): expected " + expected
          + ", found " + describe(parser.currentToken()));
    }
  }

  static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      default -> t.asString();
    };
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** An input error at a place in the file: {@code file:line:column: problem}. */
  CliException error(JsonLocation at, String problem) {
    return CliException.invalid(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": " + problem);
  }
}
