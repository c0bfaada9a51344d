package dev.snaplog.core.types;

import dev.snaplog.core.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/** Walks and rebuilds nested types. */
public final class TypeUtil {
  private TypeUtil() {}

  /** Calls {@code action} on every field nested in {@code type}, parents before children. */
  public static void forEachField(Type type, Consumer<Field> action) {
    for (Field f : type.fields()) {
      action.accept(f);
      forEachField(f.type(), action);
    }
  }

  /**
   * {@code type} with fresh ids from {@code ids} for every nested field: the direct children of a type first,
   * then each child's own children, so the fields of one struct get consecutive ids.
   */
  public static Type assignFreshIds(Type type, IntSupplier ids) {
    if (type.isPrimitive()) {
      return type;
    }
    List<Field> children = type.fields();
    int[] newIds = new int[children.size()];
    for (int i = 0; i < newIds.length; i++) {
      newIds[i] = ids.getAsInt();
    }
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < newIds.length; i++) {
      Field c = children.get(i);
      out.add(c.withId(newIds[i]).withType(assignFreshIds(c.type(), ids)));
    }
    return rebuild(type, out);
  }

  /** A nested type of the same kind as {@code type} with other child fields (same count for list and map). */
  public static Type rebuild(Type type, List<Field> children) {
    return switch (type.id()) {
      case STRUCT -> Type.struct(children);
      case LIST -> Type.list(children.get(0).id(), children.get(0).type(), children.get(0).required());
      case MAP -> Type.map(children.get(0).id(), children.get(0).type(), children.get(1).id(),
          children.get(1).type(), children.get(1).required());
      default -> type;
    };
  }

  /** The highest field id in {@code type}, or 0. */
  public static int highestId(Type type) {
    int[] max = {0};
    forEachField(type, f -> max[0] = Math.max(max[0], f.id()));
    return max[0];
  }
}
