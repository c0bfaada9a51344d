package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import dev.snaplog.core.types.TypeParser;
import dev.snaplog.core.types.TypeUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable list of columns with stable ids. Columns may be structs, lists and maps whose fields have ids
 * of their own; nested fields are found by id and by dotted name ({@code address.city}, {@code tags.element},
 * {@code props.key}, {@code props.value}).
 */
public final class Schema {
  private final int schemaId;
  private final List<Field> fields;
  private final Map<String, Integer> positionByName;
  private final Map<Integer, Integer> positionById;
  private final Map<Integer, Field> fieldById = new HashMap<>();
  private final Map<String, Field> fieldByName = new LinkedHashMap<>();
  private final Map<Integer, String> nameById = new HashMap<>();
  /** Positions through structs from the top level to a field; absent for fields inside lists and maps. */
  private final Map<Integer, int[]> pathById = new HashMap<>();
  private final Map<Integer, Integer> parentById = new HashMap<>();
  // filters look a field up once per row; rows of one schema share these
  private final Map<Integer, Function<Record, Object>> accessors = new java.util.concurrent.ConcurrentHashMap<>();

  public Schema(int schemaId, List<Field> fields) {
    ValidationException.check(!fields.isEmpty(), "a schema needs at least one column");
    this.schemaId = schemaId;
    this.fields = List.copyOf(fields);
    this.positionByName = new HashMap<>();
    this.positionById = new HashMap<>();
    for (int i = 0; i < this.fields.size(); i++) {
      Field f = this.fields.get(i);
      ValidationException.check(positionByName.put(f.name(), i) == null, "duplicate column name '%s'", f.name());
      positionById.put(f.id(), i);
      index(f, f.name(), new int[] {i}, null);
    }
  }

  private void index(Field f, String fullName, int[] path, Integer parent) {
    ValidationException.check(fieldById.put(f.id(), f) == null, "duplicate field id %d", f.id());
    ValidationException.check(fieldByName.put(fullName, f) == null, "two fields are named '%s'", fullName);
    nameById.put(f.id(), fullName);
    if (parent != null) {
      parentById.put(f.id(), parent);
    }
    if (path != null) {
      pathById.put(f.id(), path);
    }
    List<Field> children = f.type().fields();
    for (int i = 0; i < children.size(); i++) {
      Field c = children.get(i);
      int[] childPath = null;
      if (path != null && f.type().id() == TypeId.STRUCT) {
        childPath = Arrays.copyOf(path, path.length + 1);
        childPath[path.length] = i;
      }
      index(c, fullName + "." + c.name(), childPath, f.id());
    }
  }

  public Schema(List<Field> fields) {
    this(0, fields);
  }

  public static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }

  /**
   * Parses a schema string such as {@code "id long not null, ts timestamptz, amount decimal(10,2),
   * address struct<city string, zip int>, tags list<string>"}: columns separated by commas, each a name, a
   * type and an optional {@code not null}. Top-level columns get ids 1..n; nested fields count on from there,
   * the fields of one struct consecutively.
   */
  public static Schema parse(String text) {
    List<Field> columns = TypeParser.parseColumns(text);
    int[] next = {columns.size()};
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Field c = columns.get(i);
      out.add(c.withId(i + 1).withType(TypeUtil.assignFreshIds(c.type(), () -> ++next[0])));
    }
    return new Schema(out);
  }

  public int schemaId() {
    return schemaId;
  }

  /** The top-level columns. */
  public List<Field> fields() {
    return fields;
  }

  /** Number of top-level columns. */
  public int size() {
    return fields.size();
  }

  /** The field with this name: a top-level column, or a nested field by its dotted name. */
  public Optional<Field> findField(String name) {
    return Optional.ofNullable(fieldByName.get(name));
  }

  /** The field with this id, top-level or nested. */
  public Optional<Field> findFieldById(int id) {
    return Optional.ofNullable(fieldById.get(id));
  }

  /** The full dotted name of the field with this id ({@code address.city}), if the schema has it. */
  public Optional<String> findName(int id) {
    return Optional.ofNullable(nameById.get(id));
  }

  /** The id of the struct, list or map directly holding the field with this id; empty for top-level columns. */
  public Optional<Integer> parentId(int id) {
    return Optional.ofNullable(parentById.get(id));
  }

  /** The field named {@code name} (dotted for nested fields), or a ValidationException listing the columns. */
  public Field field(String name) {
    return findField(name).orElseThrow(() -> new ValidationException("Unknown column '" + name
        + "'; the columns are " + columnNames()));
  }

  /**
   * Reads the value of the field with id {@code id} from rows of this schema: a top-level column, or a field
   * nested in structs (null when an enclosing struct is null).
   *
   * @throws ValidationException if the schema has no such field or it lies inside a list or map, where a row
   *     holds many values of it
   */
  public Function<Record, Object> accessor(int id) {
    Function<Record, Object> cached = accessors.get(id);
    if (cached == null) {
      cached = newAccessor(id);
      accessors.put(id, cached);
    }
    return cached;
  }

  private Function<Record, Object> newAccessor(int id) {
    int[] path = pathById.get(id);
    if (path == null) {
      throw new ValidationException(fieldById.containsKey(id) ? "Field '" + nameById.get(id) + "' is inside a"
          + " list or map, so a row has no single value of it" : "No column with field id " + id
          + " in schema " + this);
    }
    if (path.length == 1) {
      int p = path[0];
      return row -> row.get(p);
    }
    return row -> {
      Object v = row;
      for (int p : path) {
        if (v == null) {
          return null;
        }
        v = ((Record) v).get(p);
      }
      return v;
    };
  }

  /** True if every row has a value for the field with this id: it and every enclosing field are required. */
  public boolean neverNull(int id) {
    Integer cur = id;
    while (cur != null) {
      Field f = fieldById.get(cur);
      if (f == null || !f.required()) {
        return false;
      }
      cur = parentById.get(cur);
    }
    return true;
  }

  /** Position of the named top-level column, or -1. */
  public int position(String name) {
    Integer pos = positionByName.get(name);
    return pos == null ? -1 : pos;
  }

  /** The names of the top-level columns. */
  public List<String> columnNames() {
    return fields.stream().map(Field::name).toList();
  }

  /** The highest field id, nested fields included. */
  public int highestFieldId() {
    return fieldById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** Every field, nested ones included, by id. */
  public Map<Integer, Field> fieldsById() {
    return java.util.Collections.unmodifiableMap(fieldById);
  }

  /**
   * A schema of just the named columns, in the order given; used for projection. A dotted name of a field in
   * a struct selects that field alone within its struct ({@code address.city} gives a column {@code address}
   * of type {@code struct<city ...>}); selecting several fields of one struct keeps them in the struct's order.
   */
  public Schema select(List<String> names) {
    Set<Integer> wanted = new HashSet<>();
    List<Integer> topOrder = new ArrayList<>();
    for (String n : names) {
      Field f = field(n);
      int[] path = pathById.get(f.id());
      ValidationException.check(path != null, "Cannot select '%s': it is inside a list or map; select the"
          + " list or map column", n);
      int top = fields.get(path[0]).id();
      if (!topOrder.contains(top)) {
        topOrder.add(top);
      }
      wanted.add(f.id());
    }
    List<Field> out = new ArrayList<>();
    for (int top : topOrder) {
      out.add(prune(fieldById.get(top), wanted));
    }
    return new Schema(schemaId, out);
  }

  // A selected field keeps all of itself; an unselected struct keeps only the selected fields inside it.
  private Field prune(Field f, Set<Integer> wanted) {
    if (wanted.contains(f.id()) || f.type().id() != TypeId.STRUCT) {
      return f;
    }
    List<Field> kept = new ArrayList<>();
    for (Field c : f.type().fields()) {
      if (wanted.contains(c.id()) || TypeUtil.highestId(c.type()) > 0 && containsAny(c, wanted)) {
        kept.add(prune(c, wanted));
      }
    }
    return f.withType(Type.struct(kept));
  }

  private static boolean containsAny(Field f, Set<Integer> wanted) {
    boolean[] found = {false};
    TypeUtil.forEachField(f.type(), c -> found[0] |= wanted.contains(c.id()));
    return found[0];
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
