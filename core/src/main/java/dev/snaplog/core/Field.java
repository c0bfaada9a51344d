package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.util.Objects;

/**
 * One column of a schema. The id is stable for the life of the table: data files and stats refer to columns
 * by id, so a rename never rewrites data.
 */
public record Field(int id, String name, Type type, boolean required) {
  public Field {
    Objects.requireNonNull(type, "type");
    ValidationException.check(id > 0, "field ids start at 1, got %d for '%s'", id, name);
    Names.checkColumn(name);
  }

  public static Field required(int id, String name, Type type) {
    return new Field(id, name, type, true);
  }

  public static Field optional(int id, String name, Type type) {
    return new Field(id, name, type, false);
  }

  @Override
  public String toString() {
    return name + " " + type + (required ? " not null" : "");
  }
}
