package dev.snaplog.core.types;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The type changes a column can go through without rewriting its files: int to long, float to double, a
 * decimal to more digits at the same scale, date to timestamp. Every value of the narrower type is exactly a
 * value of the wider one, so files written before the change read as the new type.
 */
public final class Promotions {
  private Promotions() {}

  /** True if {@code from} equals {@code to} or widens to it. */
  public static boolean canPromote(Type from, Type to) {
    if (from.equals(to)) {
      return true;
    }
    return switch (from.id()) {
      case INT -> to.id() == TypeId.LONG;
      case FLOAT -> to.id() == TypeId.DOUBLE;
      case DECIMAL -> to.id() == TypeId.DECIMAL && to.scale() == from.scale() && to.precision() > from.precision();
      case DATE -> to.id() == TypeId.TIMESTAMP;
      default -> false;
    };
  }

  /** The types that widen to {@code type}, narrowest first. */
  public static List<Type> narrowerThan(Type type) {
    List<Type> out = new ArrayList<>();
    switch (type.id()) {
      case LONG -> out.add(Type.INT);
      case DOUBLE -> out.add(Type.FLOAT);
      case TIMESTAMP -> out.add(Type.DATE);
      case DECIMAL -> {
        for (int p = Math.max(1, type.scale()); p < type.precision(); p++) {
          out.add(Type.decimal(p, type.scale()));
        }
      }
      default -> {
        // nothing widens to the other types
      }
    }
    return out;
  }

  /**
   * A bound from column stats as the equal value of {@code type}. Stats are recorded under the type a column had
   * when its file was written (an Integer for a column since widened to long), and files of both types meet in
   * planning, checkpoints and their unions; a value already of {@code type} comes back as it is.
   */
  public static Object widenBound(Type type, Object value) {
    if (value instanceof Integer i && type.id() == TypeId.LONG) {
      return i.longValue();
    }
    if (value instanceof Float f && type.id() == TypeId.DOUBLE) {
      return f.doubleValue();
    }
    if (value instanceof LocalDate d && type.id() == TypeId.TIMESTAMP) {
      return d.atStartOfDay();
    }
    return value; // decimals keep their scale when widened: the BigDecimal is the wider value already
  }

  /** {@code value}, a canonical value of {@code from}, as the equal value of {@code to}. */
  public static Object promote(Type from, Type to, Object value) {
    if (value == null || from.equals(to)) {
      return value;
    }
    return switch (from.id()) {
      case INT -> ((Integer) value).longValue();
      case FLOAT -> ((Float) value).doubleValue();
      case DECIMAL -> value; // same scale: the BigDecimal is already the value at the wider precision
      case DATE -> ((LocalDate) value).atStartOfDay();
      default -> throw new IllegalArgumentException(from + " does not widen to " + to);
    };
  }
}
