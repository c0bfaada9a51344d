package dev.snaplog.core.types;

import dev.snaplog.core.Field;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads type and column strings, nested ones included: {@code struct<city string not null, zip int>},
 * {@code list<string not null>}, {@code map<string, long>}. Field names inside a struct may be followed by a
 * colon ({@code struct<city: string>}), as Spark and Iceberg print them. Nested fields get provisional ids in
 * the order they are read; callers that place the type in a table assign the table's own ids.
 */
public final class TypeParser {
  private int nextId = 1;

  private TypeParser() {}

  static Type parse(String text) {
    return new TypeParser().type(text);
  }

  /**
   * Parses columns written as {@code name type [not null]}, separated by commas. Nested fields get provisional
   * ids counting on after the top-level columns, which get 1..n.
   *
   * @throws ValidationException naming the column that is not well formed
   */
  public static List<Field> parseColumns(String text) {
    TypeParser p = new TypeParser();
    List<String> parts = splitTopLevel(text);
    p.nextId = parts.size() + 1;
    List<Field> out = new ArrayList<>();
    for (String part : parts) {
      String col = part.trim();
      if (col.isEmpty()) {
        throw new ValidationException("Empty column in schema '" + text + "'; write columns as 'name type"
            + " [not null]' separated by commas");
      }
      out.add(p.field(out.size() + 1, col, "Column"));
    }
    return out;
  }

  private Field field(int id, String col, String what) {
    String[] words = col.split("[\\s:]+", 2);
    if (words.length < 2 || words[1].isBlank()) {
      throw new ValidationException(what + " '" + col + "' has no type; write it as 'name type [not null]'");
    }
    String rest = words[1].trim();
    boolean required = false;
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.endsWith(" not null")) {
      required = true;
      rest = rest.substring(0, rest.length() - " not null".length()).trim();
    } else if (lower.endsWith(" null")) {
      rest = rest.substring(0, rest.length() - " null".length()).trim();
    }
    try {
      return new Field(id, words[0], type(rest), required);
    } catch (ValidationException e) {
      throw new ValidationException(what + " '" + words[0] + "': " + e.getMessage());
    }
  }

  private Type type(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(">")) {
      return Type.parsePrimitive(t);
    }
    int open = t.indexOf('<');
    String kind = lower.substring(0, Math.max(open, 0)).trim();
    String inner = open < 0 ? "" : t.substring(open + 1, t.length() - 1);
    switch (kind) {
      case "struct": {
        List<String> parts = splitTopLevel(inner);
        int first = nextId;
        nextId += parts.size();
        List<Field> fields = new ArrayList<>();
        for (String part : parts) {
          if (part.isBlank()) {
            throw new ValidationException("Empty field in '" + t + "'; write struct<name type [not null], ...>");
          }
          fields.add(field(first + fields.size(), part.trim(), "Field"));
        }
        return Type.struct(fields);
      }
      case "list": {
        int id = nextId++;
        String[] e = notNull(inner);
        return Type.list(id, type(e[0]), e[1] != null);
      }
      case "map": {
        List<String> parts = splitTopLevel(inner);
        if (parts.size() != 2) {
          throw new ValidationException("'" + t + "' needs a key type and a value type, as map<string, long>");
        }
        int keyId = nextId++;
        int valueId = nextId++;
        String[] k = notNull(parts.get(0));
        String[] v = notNull(parts.get(1));
        return Type.map(keyId, type(k[0]), valueId, type(v[0]), v[1] != null);
      }
      default:
        return Type.parsePrimitive(t);
    }
  }

  /** The type text without a trailing {@code not null}, and whether it had one (non-null second element). */
  private static String[] notNull(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.endsWith(" not null")) {
      return new String[] {t.substring(0, t.length() - " not null".length()), "not null"};
    }
    if (lower.endsWith(" null")) {
      return new String[] {t.substring(0, t.length() - " null".length()), null};
    }
    return new String[] {t, null};
  }

  /** Splits at commas outside parentheses and angle brackets. */
  static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(' || c == '<') {
        depth++;
      } else if (c == ')' || c == '>') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }
}
