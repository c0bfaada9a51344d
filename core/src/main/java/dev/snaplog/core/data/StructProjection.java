package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.util.List;

/** Struct types and values cut down to some of their fields, matched by id: how nested projection works. */
final class StructProjection {
  private StructProjection() {}

  /** True if {@code projected} is {@code full}, or a struct with some of its fields (each a projection too). */
  static boolean isProjectionOf(Type projected, Type full) {
    if (projected.equals(full)) {
      return true;
    }
    if (projected.id() != TypeId.STRUCT || full.id() != TypeId.STRUCT) {
      return false;
    }
    for (Field p : projected.fields()) {
      Field f = full.fields().stream().filter(c -> c.id() == p.id()).findFirst().orElse(null);
      if (f == null || !isProjectionOf(p.type(), f.type())) {
        return false;
      }
    }
    return true;
  }

  /** {@code value} (a value of a type {@code target} is a projection of) cut down to {@code target}. */
  static Object project(Object value, Type target) {
    if (value == null || target.id() != TypeId.STRUCT) {
      return value;
    }
    Record r = (Record) value;
    List<Field> from = r.schema().fields();
    List<Field> to = target.fields();
    Object[] out = new Object[to.size()];
    for (int i = 0; i < to.size(); i++) {
      int id = to.get(i).id();
      for (int j = 0; j < from.size(); j++) {
        if (from.get(j).id() == id) {
          out[i] = project(r.get(j), to.get(i).type());
        }
      }
    }
    return GenericRecord.wrap(target.asSchema(), out);
  }
}
