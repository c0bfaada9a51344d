package dev.snaplog.core;

/** One row, readable by position and by column name. Implementations are immutable. */
public interface Record {
  Schema schema();

  /** The value at {@code position}; see {@link dev.snaplog.core.types.Type} for the Java class per type. */
  Object get(int position);

  /** The value of the named column, or of a field inside structs by its dotted name ({@code address.city}). */
  default Object get(String name) {
    int pos = schema().position(name);
    if (pos < 0 && schema().findField(name).isPresent()) {
      return schema().accessor(schema().findField(name).get().id()).apply(this);
    }
    if (pos < 0) {
      throw new dev.snaplog.core.exceptions.ValidationException("Unknown column '" + name + "'; the columns are "
          + schema().columnNames());
    }
    return get(pos);
  }

  default int size() {
    return schema().size();
  }

  default <T> T get(String name, Class<T> cls) {
    return cls.cast(get(name));
  }
}
