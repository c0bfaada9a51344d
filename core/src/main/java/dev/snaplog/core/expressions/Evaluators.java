package dev.snaplog.core.expressions;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Record;
import dev.snaplog.core.types.Comparators;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.TypeId;
import java.util.Comparator;
import java.util.Map;

/**
 * Evaluates bound expressions: exactly against a row, and conservatively against column stats (of a data file
 * or a Parquet row group). Both follow the same SQL semantics, so a file the stats rule out holds no row the
 * row evaluator would accept.
 */
public final class Evaluators {
  private Evaluators() {}

  /** True if {@code row} passes the bound filter {@code expr}. */
  public static boolean matches(Expression expr, Record row) {
    return Boolean.TRUE.equals(eval(expr, row));
  }

  // Kleene three-valued logic: null means unknown.
  private static Boolean eval(Expression e, Record row) {
    if (e instanceof Expression.True) {
      return true;
    } else if (e instanceof Expression.False) {
      return false;
    } else if (e instanceof Expression.And a) {
      Boolean l = eval(a.left(), row);
      if (Boolean.FALSE.equals(l)) {
        return false;
      }
      Boolean r = eval(a.right(), row);
      if (Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    } else if (e instanceof Expression.Or o) {
      Boolean l = eval(o.left(), row);
      if (Boolean.TRUE.equals(l)) {
        return true;
      }
      Boolean r = eval(o.right(), row);
      if (Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    } else if (e instanceof Expression.Not n) {
      Boolean c = eval(n.child(), row);
      return c == null ? null : !c;
    } else if (e instanceof Expression.Bound b) {
      return evalPredicate(b, row.schema().accessor(b.field().id()).apply(row));
    }
    throw new IllegalArgumentException("Expression is not bound to a schema: " + e);
  }

  private static Boolean evalPredicate(Expression.Bound b, Object value) {
    if (b.op() == Operation.IS_NULL) {
      return value == null;
    }
    if (b.op() == Operation.NOT_NULL) {
      return value != null;
    }
    if (value == null) {
      return null;
    }
    Comparator<Object> cmp = Comparators.forType(b.field().type());
    return switch (b.op()) {
      case EQ -> cmp.compare(value, b.literal()) == 0;
      case NOT_EQ -> cmp.compare(value, b.literal()) != 0;
      case LT -> cmp.compare(value, b.literal()) < 0;
      case LT_EQ -> cmp.compare(value, b.literal()) <= 0;
      case GT -> cmp.compare(value, b.literal()) > 0;
      case GT_EQ -> cmp.compare(value, b.literal()) >= 0;
      case IN -> b.literals().stream().anyMatch(l -> cmp.compare(value, l) == 0);
      case NOT_IN -> b.literals().stream().noneMatch(l -> cmp.compare(value, l) == 0);
      default -> throw new IllegalStateException("unhandled " + b.op());
    };
  }

  /**
   * False only if no row described by the stats can pass {@code expr}; true when it might (or when the stats
   * are missing). {@code expr} must be bound, with negations pushed down, as {@link Expressions#bind} leaves
   * it.
   *
   * @param recordCount rows the stats describe
   * @param statsByFieldId column stats by field id; absent columns are treated as unknown
   */
  public static boolean mightMatch(Expression expr, long recordCount, Map<Integer, ColumnStats> statsByFieldId) {
    if (expr instanceof Expression.True) {
      return true;
    } else if (expr instanceof Expression.False) {
      return false;
    } else if (expr instanceof Expression.And a) {
      return mightMatch(a.left(), recordCount, statsByFieldId) && mightMatch(a.right(), recordCount, statsByFieldId);
    } else if (expr instanceof Expression.Or o) {
      return mightMatch(o.left(), recordCount, statsByFieldId) || mightMatch(o.right(), recordCount, statsByFieldId);
    } else if (expr instanceof Expression.Bound b) {
      return predicateMightMatch(b, recordCount, statsByFieldId.get(b.field().id()));
    }
    // a Not left in place (not produced by bind) is not pruned
    return true;
  }

  private static boolean predicateMightMatch(Expression.Bound b, long recordCount, ColumnStats stats) {
    if (stats == null) {
      return true;
    }
    boolean allNull = stats.nullCount() >= recordCount;
    switch (b.op()) {
      case IS_NULL:
        return stats.nullCount() > 0;
      case NOT_NULL:
        return !allNull;
      default:
        break;
    }
    if (allNull) {
      return false; // every other predicate is unknown on null, so no row passes
    }
    if (stats.min().isEmpty() || stats.max().isEmpty() || hasNaN(b) || nanMayPass(b)) {
      return true;
    }
    Comparator<Object> cmp = Comparators.forType(b.field().type());
    Object min = Promotions.widenBound(b.field().type(), stats.min().get());
    Object max = Promotions.widenBound(b.field().type(), stats.max().get());
    return switch (b.op()) {
      case EQ -> cmp.compare(b.literal(), min) >= 0 && cmp.compare(b.literal(), max) <= 0;
      case NOT_EQ -> !(cmp.compare(min, max) == 0 && cmp.compare(min, b.literal()) == 0);
      case LT -> cmp.compare(min, b.literal()) < 0;
      case LT_EQ -> cmp.compare(min, b.literal()) <= 0;
      case GT -> cmp.compare(max, b.literal()) > 0;
      case GT_EQ -> cmp.compare(max, b.literal()) >= 0;
      case IN -> b.literals().stream().anyMatch(l -> cmp.compare(l, min) >= 0 && cmp.compare(l, max) <= 0);
      case NOT_IN -> !(cmp.compare(min, max) == 0 && b.literals().stream().anyMatch(l -> cmp.compare(l, min) == 0));
      default -> true;
    };
  }

  // Rows compare NaN above every number, so a NaN passes these; bounds leave NaN out and stats carry no NaN
  // count, so they cannot tell whether a file holds one.
  private static boolean nanMayPass(Expression.Bound b) {
    TypeId id = b.field().type().id();
    return (id == TypeId.FLOAT || id == TypeId.DOUBLE) && (b.op() == Operation.GT || b.op() == Operation.GT_EQ
        || b.op() == Operation.NOT_EQ || b.op() == Operation.NOT_IN);
  }

  // NaN has no place in min/max ordering; never prune on it.
  private static boolean hasNaN(Expression.Bound b) {
    TypeId id = b.field().type().id();
    if (id != TypeId.FLOAT && id != TypeId.DOUBLE) {
      return false;
    }
    return b.literals().stream().anyMatch(l -> l instanceof Float f ? f.isNaN() : ((Double) l).isNaN());
  }
}
