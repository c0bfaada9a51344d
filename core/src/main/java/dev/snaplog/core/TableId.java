package dev.snaplog.core;

/** A table's name within a warehouse: namespace and table name, both checked by {@link Names}. */
public record TableId(String namespace, String name) {
  public TableId {
    Names.checkIdentifier("Namespace", namespace);
    Names.checkIdentifier("Table", name);
  }

  public static TableId of(String namespace, String name) {
    return new TableId(namespace, name);
  }

  /** Parses {@code namespace.table}. */
  public static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1) {
      throw new dev.snaplog.core.exceptions.ValidationException("Table name " + Names.printable(qualified)
          + " must be qualified as namespace.table");
    }
    return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  @Override
  public String toString() {
    return namespace + "." + name;
  }
}
