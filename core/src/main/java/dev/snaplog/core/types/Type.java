package dev.snaplog.core.types;

import dev.snaplog.core.Field;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type. Immutable. Its string form ({@code long}, {@code decimal(10,2)}, {@code timestamptz},
 * {@code struct<city string not null, zip int>}, {@code list<string>}, {@code map<string, long>}) is what the
 * CLI accepts and schemas print.
 *
 * <p>Java values by type: boolean {@link Boolean}, int {@link Integer}, long {@link Long}, float
 * {@link Float}, double {@link Double}, decimal {@link java.math.BigDecimal} (with the type's scale), string
 * {@link String}, binary {@link java.nio.ByteBuffer}, date {@link java.time.LocalDate}, time
 * {@link java.time.LocalTime} (microsecond precision), timestamp {@link java.time.LocalDateTime}, timestamptz
 * {@link java.time.Instant} (both microsecond precision), uuid {@link java.util.UUID}; struct a
 * {@link dev.snaplog.core.Record} of the struct's fields, list a {@link java.util.List}, map a
 * {@link java.util.Map} (both unmodifiable once canonical).
 *
 * <p>Nested types hold {@link Field}s: a struct its fields, a list one {@code element} field, a map a
 * {@code key} and a {@code value} field. Every one of them has its own field id, as top-level columns do, so
 * nested fields can be renamed, added and dropped by id. Map keys are always required.
 */
public final class Type {
  public static final Type BOOLEAN = new Type(TypeId.BOOLEAN, 0, 0, List.of());
  public static final Type INT = new Type(TypeId.INT, 0, 0, List.of());
  public static final Type LONG = new Type(TypeId.LONG, 0, 0, List.of());
  public static final Type FLOAT = new Type(TypeId.FLOAT, 0, 0, List.of());
  public static final Type DOUBLE = new Type(TypeId.DOUBLE, 0, 0, List.of());
  public static final Type STRING = new Type(TypeId.STRING, 0, 0, List.of());
  public static final Type BINARY = new Type(TypeId.BINARY, 0, 0, List.of());
  public static final Type DATE = new Type(TypeId.DATE, 0, 0, List.of());
  public static final Type TIME = new Type(TypeId.TIME, 0, 0, List.of());
  public static final Type TIMESTAMP = new Type(TypeId.TIMESTAMP, 0, 0, List.of());
  public static final Type TIMESTAMPTZ = new Type(TypeId.TIMESTAMPTZ, 0, 0, List.of());
  public static final Type UUID = new Type(TypeId.UUID, 0, 0, List.of());

  /** Decimals up to 38 digits, as in Parquet, Iceberg and most SQL engines. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  /** The names of a list's element and a map's key and value fields, as in dotted paths ({@code tags.element}). */
  public static final String ELEMENT = "element";
  public static final String KEY = "key";
  public static final String VALUE = "value";

  private static final Pattern DECIMAL = Pattern.compile("decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

  private final TypeId id;
  private final int precision;
  private final int scale;
  private final List<Field> fields;
  private volatile dev.snaplog.core.Schema structSchema;

  private Type(TypeId id, int precision, int scale, List<Field> fields) {
    this.id = id;
    this.precision = precision;
    this.scale = scale;
    this.fields = List.copyOf(fields);
  }

  public static Type decimal(int precision, int scale) {
    ValidationException.check(precision >= 1 && precision <= MAX_DECIMAL_PRECISION,
        "decimal precision must be 1..%d, got %d", MAX_DECIMAL_PRECISION, precision);
    ValidationException.check(scale >= 0 && scale <= precision,
        "decimal scale must be 0..precision (%d), got %d", precision, scale);
    return new Type(TypeId.DECIMAL, precision, scale, List.of());
  }

  /**
   * A struct of {@code fields}.
   *
   * @throws ValidationException if it has no field, or two fields share a name or an id
   */
  public static Type struct(List<Field> fields) {
    ValidationException.check(!fields.isEmpty(), "a struct needs at least one field");
    Set<String> names = new HashSet<>();
    for (Field f : fields) {
      ValidationException.check(names.add(f.name()), "struct has two fields named '%s'", f.name());
    }
    Type t = new Type(TypeId.STRUCT, 0, 0, fields);
    checkUniqueIds(t);
    return t;
  }

  public static Type struct(Field... fields) {
    return struct(List.of(fields));
  }

  /** A list whose element field has id {@code elementId}. */
  public static Type list(int elementId, Type elementType, boolean elementRequired) {
    Type t = new Type(TypeId.LIST, 0, 0, List.of(new Field(elementId, ELEMENT, elementType, elementRequired)));
    checkUniqueIds(t);
    return t;
  }

  /** A map with key field {@code keyId} (always required) and value field {@code valueId}. */
  public static Type map(int keyId, Type keyType, int valueId, Type valueType, boolean valueRequired) {
    Type t = new Type(TypeId.MAP, 0, 0, List.of(new Field(keyId, KEY, keyType, true),
        new Field(valueId, VALUE, valueType, valueRequired)));
    checkUniqueIds(t);
    return t;
  }

  private static void checkUniqueIds(Type t) {
    Set<Integer> ids = new HashSet<>();
    TypeUtil.forEachField(t, f -> ValidationException.check(ids.add(f.id()), "field id %d is used twice in %s",
        f.id(), t));
  }

  /**
   * Parses a type as written in schemas: {@code boolean int long float double string binary date time
   * timestamp timestamptz uuid decimal(p,s)}, and the nested {@code struct<name type [not null], ...>},
   * {@code list<type [not null]>} and {@code map<key type, value type [not null]>}; a few common aliases are
   * accepted ({@code bigint}, {@code integer}, {@code varchar}, {@code bool}, {@code bytes}). Nested fields get
   * ids 1, 2, 3... here; {@link dev.snaplog.core.Schema#parse} gives them ids of their own in the table.
   */
  public static Type parse(String text) {
    return TypeParser.parse(text);
  }

  /**
   * Parses a primitive type name.
   *
   * @throws ValidationException listing the types there are
   */
  static Type parsePrimitive(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = DECIMAL.matcher(t);
    if (m.matches()) {
      return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return switch (t) {
      case "boolean", "bool" -> BOOLEAN;
      case "int", "integer", "int32" -> INT;
      case "long", "bigint", "int64" -> LONG;
      case "float", "real" -> FLOAT;
      case "double" -> DOUBLE;
      case "string", "varchar", "text" -> STRING;
      case "binary", "bytes" -> BINARY;
      case "date" -> DATE;
      case "time" -> TIME;
      case "timestamp", "timestamp_ntz" -> TIMESTAMP;
      case "timestamptz", "timestamp_tz" -> TIMESTAMPTZ;
      case "uuid" -> UUID;
      default -> throw new ValidationException("Unknown type '" + text.trim() + "'; expected one of boolean, int,"
          + " long, float, double, decimal(p,s), string, binary, date, time, timestamp, timestamptz, uuid,"
          + " struct<name type, ...>, list<type>, map<key type, value type>");
    };
  }

  public TypeId id() {
    return id;
  }

  public boolean isNested() {
    return id.isNested();
  }

  public boolean isPrimitive() {
    return !id.isNested();
  }

  /** Decimal precision; 0 for other types. */
  public int precision() {
    return precision;
  }

  /** Decimal scale; 0 for other types. */
  public int scale() {
    return scale;
  }

  /** The direct child fields: a struct's fields, a list's element, a map's key and value; empty otherwise. */
  public List<Field> fields() {
    return fields;
  }

  /** The fields of a struct as a schema: the schema of the records that are its values. */
  public dev.snaplog.core.Schema asSchema() {
    check(TypeId.STRUCT);
    dev.snaplog.core.Schema s = structSchema;
    if (s == null) {
      s = new dev.snaplog.core.Schema(fields);
      structSchema = s;
    }
    return s;
  }

  /** The element field of a list. */
  public Field elementField() {
    check(TypeId.LIST);
    return fields.get(0);
  }

  /** The key field of a map. */
  public Field keyField() {
    check(TypeId.MAP);
    return fields.get(0);
  }

  /** The value field of a map. */
  public Field valueField() {
    check(TypeId.MAP);
    return fields.get(1);
  }

  /** The struct field named {@code name}, if any. */
  public java.util.Optional<Field> field(String name) {
    check(TypeId.STRUCT);
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private void check(TypeId expected) {
    if (id != expected) {
      throw new IllegalStateException(this + " is not a " + expected.typeName());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Type t && t.id == id && t.precision == precision && t.scale == scale
        && t.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, precision, scale, fields);
  }

  @Override
  public String toString() {
    return switch (id) {
      case DECIMAL -> "decimal(" + precision + "," + scale + ")";
      case STRUCT -> "struct<" + String.join(", ", fields.stream().map(Field::toString).toList()) + ">";
      case LIST -> "list<" + nullable(elementField()) + ">";
      case MAP -> "map<" + keyField().type() + ", " + nullable(valueField()) + ">";
      default -> id.typeName();
    };
  }

  private static String nullable(Field f) {
    return f.type() + (f.required() ? " not null" : "");
  }
}
