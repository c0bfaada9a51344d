package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An immutable, flat list of columns with stable ids. */
public final class Schema {
  private final int schemaId;
  private final List<Field> fields;
  private final Map<String, Integer> positionByName;
  private final Map<Integer, Integer> positionById;

  public Schema(int schemaId, List<Field> fields) {
    ValidationException.check(!fields.isEmpty(), "a schema needs at least one column");
    this.schemaId = schemaId;
    this.fields = List.copyOf(fields);
    this.positionByName = new HashMap<>();
    this.positionById = new HashMap<>();
    for (int i = 0; i < this.fields.size(); i++) {
      Field f = this.fields.get(i);
      ValidationException.check(positionByName.put(f.name(), i) == null, "duplicate column name '%s'", f.name());
      ValidationException.check(positionById.put(f.id(), i) == null, "duplicate field id %d", f.id());
    }
  }

  public Schema(List<Field> fields) {
    this(0, fields);
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  /**
   * Parses a schema string such as {@code "id long not null, ts timestamptz, amount decimal(10,2)"}: columns
   * separated by commas, each a name, a type and an optional {@code not null}. Ids are assigned 1, 2, 3...
   */
  public static Schema parse(String text) {
    List<Field> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      String col = part.trim();
      if (col.isEmpty()) {
        throw new ValidationException("Empty column in schema '" + text + "'; write columns as 'name type"
            + " [not null]' separated by commas");
      }
      String[] words = col.split("\\s+", 2);
      if (words.length < 2) {
        throw new ValidationException("Column '" + col + "' has no type; write it as 'name type [not null]'");
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
      Type type;
      try {
        type = Type.parse(rest);
      } catch (ValidationException e) {
        throw new ValidationException("Column '" + words[0] + "': " + e.getMessage());
      }
      out.add(new Field(out.size() + 1, words[0], type, required));
    }
    return new Schema(out);
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
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

  public int schemaId() {
    return schemaId;
  }

  public List<Field> fields() {
    return fields;
  }

  public int size() {
    return fields.size();
  }

  public Optional<Field> findField(String name) {
    Integer pos = positionByName.get(name);
    return pos == null ? Optional.empty() : Optional.of(fields.get(pos));
  }

  public Optional<Field> findFieldById(int id) {
    Integer pos = positionById.get(id);
    return pos == null ? Optional.empty() : Optional.of(fields.get(pos));
  }

  /** The field named {@code name}, or a ValidationException listing the columns there are. */
  public Field field(String name) {
    return findField(name).orElseThrow(() -> new ValidationException("Unknown column '" + name
        + "'; the columns are " + columnNames()));
  }

  /**
   * Reads the value of the column with field id {@code id} from rows of this schema.
   *
   * @throws ValidationException if the schema has no such column
   */
  public java.util.function.Function<Record, Object> accessor(int id) {
    Integer pos = positionById.get(id);
    if (pos == null) {
      throw new ValidationException("No column with field id " + id + " in schema " + this);
    }
    int p = pos;
    return row -> row.get(p);
  }

  /** Position of the named column, or -1. */
  public int position(String name) {
    Integer pos = positionByName.get(name);
    return pos == null ? -1 : pos;
  }

  public List<String> columnNames() {
    return fields.stream().map(Field::name).toList();
  }

  public int highestFieldId() {
    return fields.stream().mapToInt(Field::id).max().orElse(0);
  }

  /** A schema of just the named columns, in the order given; used for projection. */
  public Schema select(List<String> names) {
    Set<String> seen = new HashSet<>();
    List<Field> out = new ArrayList<>();
    for (String n : names) {
      if (seen.add(n)) {
        out.add(field(n));
      }
    }
    return new Schema(schemaId, out);
  }

  /** The same columns with another schema id. */
  public Schema withSchemaId(int id) {
    return new Schema(id, fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.schemaId == schemaId && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return 31 * schemaId + fields.hashCode();
  }

  @Override
  public String toString() {
    return String.join(", ", fields.stream().map(Field::toString).toList());
  }
}
