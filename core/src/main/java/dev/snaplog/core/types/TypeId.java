package dev.snaplog.core.types;

/** The kinds of column types a table can hold. */
public enum TypeId {
  BOOLEAN("boolean"),
  INT("int"),
  LONG("long"),
  FLOAT("float"),
  DOUBLE("double"),
  DECIMAL("decimal"),
  STRING("string"),
  BINARY("binary"),
  DATE("date"),
  TIME("time"),
  TIMESTAMP("timestamp"),
  TIMESTAMPTZ("timestamptz"),
  UUID("uuid"),
  /** Named fields, each with its own id; values are {@link dev.snaplog.core.Record}s. */
  STRUCT("struct"),
  /** Elements of one type; values are {@link java.util.List}s. */
  LIST("list"),
  /** Keys to values; values are {@link java.util.Map}s. */
  MAP("map");

  private final String typeName;

  TypeId(String typeName) {
    this.typeName = typeName;
  }

  /** True for struct, list and map: types made of other types. */
  public boolean isNested() {
    return this == STRUCT || this == LIST || this == MAP;
  }

  /** The name used in schema strings and JSON. */
  public String typeName() {
    return typeName;
  }
}
