package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.util.Objects;

/**
 * One column of a schema, or one field nested in a struct, list or map. The id is stable for the life of the
 * table: data files and stats refer to columns by id, so a rename never rewrites data.
 *
 * @param initialDefault the value rows written before this field existed read as (null if none): a required
 *     column added to a table with data needs one; a canonical value of {@code type}
 */
public record Field(int id, String name, Type type, boolean required, Object initialDefault) {
  public Field {
    Objects.requireNonNull(type, "type");
    ValidationException.check(id > 0, "field ids start at 1, got %d for '%s'", id, name);
    Names.checkColumn(name);
    if (initialDefault != null) {
      ValidationException.check(type.isPrimitive(), "field '%s' is a %s; only primitive fields take a default",
          name, type.id().typeName());
      try {
        initialDefault = Literals.coerce(type, initialDefault);
      } catch (ValidationException e) {
        throw new ValidationException("Default of field '" + name + "': " + e.getMessage());
      }
    }
  }

  public Field(int id, String name, Type type, boolean required) {
    this(id, name, type, required, null);
  }

  public static Field required(int id, String name, Type type) {
    return new Field(id, name, type, true);
  }

  public static Field optional(int id, String name, Type type) {
    return new Field(id, name, type, false);
  }

  public Field withId(int newId) {
    return new Field(newId, name, type, required, initialDefault);
  }

  public Field withName(String newName) {
    return new Field(id, newName, type, required, initialDefault);
  }

  public Field withType(Type newType) {
    Object d = initialDefault == null ? null : dev.snaplog.core.types.Promotions.canPromote(type, newType)
        ? dev.snaplog.core.types.Promotions.promote(type, newType, initialDefault)
        : Literals.coerce(newType, initialDefault);
    return new Field(id, name, newType, required, d);
  }

  public Field asOptional() {
    return new Field(id, name, type, false, initialDefault);
  }

  @Override
  public String toString() {
    return name + " " + type + (required ? " not null" : "")
        + (initialDefault == null ? "" : " default " + Literals.describe(initialDefault));
  }
}
