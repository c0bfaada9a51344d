package dev.snaplog.core.expressions;

import dev.snaplog.core.Field;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.partition.Transform;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Inclusive projection of row filters onto partition values, the way hidden partitioning prunes: the projected
 * filter is true for every partition that may hold a row the row filter accepts (it may also accept partitions
 * that hold none; stats and the row filter take care of those). {@code ts >= '2026-01-02T00:00'} under
 * {@code day(ts)} becomes {@code ts_day >= 2026-01-02}; {@code id = 5} under {@code bucket(16, id)} becomes
 * {@code id_bucket = bucket(5)}; a predicate no partition field can narrow becomes {@code true}.
 */
public final class Projections {
  private Projections() {}

  /**
   * The inclusive projection of {@code boundRowFilter} (bound to {@code schema}) onto the partition fields of
   * {@code spec}: a filter bound to {@link PartitionSpec#partitionColumns}, evaluated on partition values
   * with {@link PartitionFilter}.
   */
  public static Expression inclusive(Expression boundRowFilter, PartitionSpec spec, Schema schema) {
    if (spec.isUnpartitioned()) {
      return Expressions.alwaysTrue();
    }
    List<Field> partitionColumns = spec.partitionColumns(schema);
    return project(boundRowFilter, spec, schema, partitionColumns);
  }

  private static Expression project(Expression e, PartitionSpec spec, Schema schema, List<Field> columns) {
    if (e instanceof Expression.And a) {
      return Expressions.and(project(a.left(), spec, schema, columns), project(a.right(), spec, schema, columns));
    } else if (e instanceof Expression.Or o) {
      return Expressions.or(project(o.left(), spec, schema, columns), project(o.right(), spec, schema, columns));
    } else if (e instanceof Expression.True || e instanceof Expression.False) {
      return e;
    } else if (e instanceof Expression.Bound b) {
      Expression out = Expressions.alwaysTrue();
      for (int i = 0; i < spec.fields().size(); i++) {
        PartitionSpec.Field pf = spec.fields().get(i);
        if (pf.sourceId() == b.field().id()) {
          out = Expressions.and(out, predicate(b, pf.transform(), columns.get(i)));
        }
      }
      return out;
    } else if (e instanceof Expression.Unbound u) {
      throw new IllegalArgumentException("Filter is not bound to the table schema: " + u);
    }
    return Expressions.alwaysTrue(); // a Not left in place is not narrowed
  }

  private static Expression predicate(Expression.Bound b, Transform t, Field partition) {
    Type source = b.field().type();
    switch (b.op()) {
      case IS_NULL:
      case NOT_NULL:
        return new Expression.Bound(b.op(), partition, List.of());
      case EQ:
        return bound(Operation.EQ, partition, t.apply(source, b.literal()));
      case IN: {
        Set<Object> values = new LinkedHashSet<>();
        b.literals().forEach(v -> values.add(t.apply(source, v)));
        return new Expression.Bound(Operation.IN, partition, List.copyOf(values));
      }
      case NOT_EQ:
      case NOT_IN:
        // only an exact image of the value rules a partition out: other rows may share its partition
        return t instanceof Transform.Identity ? new Expression.Bound(b.op(), partition, b.literals())
            : Expressions.alwaysTrue();
      default:
        break;
    }
    if (!t.preservesOrder()) {
      return Expressions.alwaysTrue();
    }
    if (t instanceof Transform.Identity) {
      return new Expression.Bound(b.op(), partition, b.literals());
    }
    Object v = b.literal();
    return switch (b.op()) {
      // x < v means x <= the value just below v, where values are discrete; a tighter bound than t(v)
      case LT -> bound(Operation.LT_EQ, partition, t.apply(source, adjacent(source, v, -1)));
      case LT_EQ -> bound(Operation.LT_EQ, partition, t.apply(source, v));
      case GT -> bound(Operation.GT_EQ, partition, t.apply(source, adjacent(source, v, 1)));
      case GT_EQ -> bound(Operation.GT_EQ, partition, t.apply(source, v));
      default -> Expressions.alwaysTrue();
    };
  }

  private static Expression bound(Operation op, Field partition, Object value) {
    return new Expression.Bound(op, partition, List.of(value));
  }

  /**
   * The value next to {@code v} in direction {@code step} for types with discrete values, or {@code v} itself
   * where there is none (strings and binary, or at the end of the range): still a correct, if looser, bound.
   */
  private static Object adjacent(Type type, Object v, int step) {
    try {
      return switch (type.id()) {
        case INT -> Math.addExact((Integer) v, step);
        case LONG -> Math.addExact((Long) v, (long) step);
        case DECIMAL -> {
          BigDecimal d = (BigDecimal) v;
          yield new BigDecimal(d.unscaledValue().add(BigInteger.valueOf(step)), d.scale());
        }
        case DATE -> Literals.coerce(type, ((LocalDate) v).plusDays(step));
        case TIMESTAMP -> Literals.coerce(type, ((LocalDateTime) v).plus(step, ChronoUnit.MICROS));
        case TIMESTAMPTZ -> Literals.coerce(type, ((Instant) v).plus(step, ChronoUnit.MICROS));
        default -> v;
      };
    } catch (ArithmeticException | dev.snaplog.core.exceptions.ValidationException | java.time.DateTimeException e) {
      return v;
    }
  }
}
