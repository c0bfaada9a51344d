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
  UUID("uuid");

  private final String typeName;

  TypeId(String typeName) {
    this.typeName = typeName;
  }

  /** The name used in schema strings and JSON. */
  public String typeName() {
    return typeName;
  }
}
