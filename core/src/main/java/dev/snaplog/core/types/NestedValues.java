package dev.snaplog.core.types;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coerces values of structs, lists and maps to their canonical form: a {@link GenericRecord} of the struct's
 * fields, an unmodifiable {@link List}, an unmodifiable {@link Map} keeping the given order, with every value
 * inside coerced to its field's type.
 */
final class NestedValues {
  private NestedValues() {}

  static Object coerce(Type type, Object value, LossyInput lossy) {
    return switch (type.id()) {
      case STRUCT -> struct(type, value, lossy);
      case LIST -> list(type, value, lossy);
      case MAP -> map(type, value, lossy);
      default -> throw new IllegalArgumentException(type + " is not nested");
    };
  }

  private static Record struct(Type type, Object value, LossyInput lossy) {
    List<Field> fields = type.fields();
    Object[] values = new Object[fields.size()];
    if (value instanceof Record r) {
      Schema given = r.schema();
      for (int i = 0; i < fields.size(); i++) {
        Field f = fields.get(i);
        int pos = given.position(f.name());
        if (pos >= 0) {
          values[i] = child(f, r.get(pos), lossy);
        }
      }
      for (Field g : given.fields()) {
        checkKnown(type, g.name());
      }
    } else if (value instanceof Map<?, ?> m) {
      for (Object k : m.keySet()) {
        checkKnown(type, String.valueOf(k));
      }
      for (int i = 0; i < fields.size(); i++) {
        values[i] = child(fields.get(i), m.get(fields.get(i).name()), lossy);
      }
    } else {
      throw new ValidationException("Value " + Literals.describe(value) + " (" + value.getClass().getSimpleName()
          + ") is not a " + type + " (expected a Record or a Map from field name to value)");
    }
    return GenericRecord.wrap(structSchema(type), values);
  }

  private static void checkKnown(Type struct, String name) {
    if (struct.field(name).isEmpty()) {
      throw new ValidationException("Unknown field '" + name + "' for " + struct + "; the fields are "
          + struct.fields().stream().map(Field::name).toList());
    }
  }

  private static List<Object> list(Type type, Object value, LossyInput lossy) {
    Collection<?> items;
    if (value instanceof Collection<?> c) {
      items = c;
    } else if (value instanceof Object[] a) {
      items = java.util.Arrays.asList(a);
    } else {
      throw new ValidationException("Value " + Literals.describe(value) + " (" + value.getClass().getSimpleName()
          + ") is not a " + type + " (expected a List)");
    }
    Field element = type.elementField();
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(child(element, item, lossy));
    }
    return Collections.unmodifiableList(out);
  }

  private static Map<Object, Object> map(Type type, Object value, LossyInput lossy) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new ValidationException("Value " + Literals.describe(value) + " (" + value.getClass().getSimpleName()
          + ") is not a " + type + " (expected a Map)");
    }
    Map<Object, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (e.getKey() == null) {
        throw new ValidationException("A " + type + " cannot hold a null key");
      }
      Object key = child(type.keyField(), e.getKey(), lossy);
      if (out.put(key, child(type.valueField(), e.getValue(), lossy)) != null) {
        throw new ValidationException("Two keys of " + type + " are both " + Literals.describe(key));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object child(Field f, Object v, LossyInput lossy) {
    try {
      return Literals.coerce(f.type(), v, lossy);
    } catch (ValidationException e) {
      throw new ValidationException("Field '" + f.name() + "': " + e.getMessage());
    }
  }

  /** The schema struct values of {@code struct} carry, as records. */
  static Schema structSchema(Type struct) {
    return struct.asSchema();
  }
}
