package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.expressions.Operation;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter expression in a form tasks can carry: the tree with column names and literals (binary literals as
 * byte arrays, the one canonical class that is not serializable). The executor binds it again to the data
 * schema, which gives back exactly the driver's bound expression.
 */
public abstract sealed class PortableExpression implements Serializable {
  private static final long serialVersionUID = 1L;

  public static PortableExpression of(Expression e) {
    if (e instanceof Expression.True) {
      return new Constant(true);
    } else if (e instanceof Expression.False) {
      return new Constant(false);
    } else if (e instanceof Expression.And a) {
      return new Pair(true, of(a.left()), of(a.right()));
    } else if (e instanceof Expression.Or o) {
      return new Pair(false, of(o.left()), of(o.right()));
    } else if (e instanceof Expression.Not n) {
      return new Negation(of(n.child()));
    } else if (e instanceof Expression.Bound b) {
      return new Predicate(b.op(), b.field().name(), b.literals());
    }
    Expression.Unbound u = (Expression.Unbound) e;
    return new Predicate(u.op(), u.column(), u.literals());
  }

  /** The expression bound to {@code schema}. */
  public Expression bind(Schema schema) {
    return Expressions.bind(unbound(), schema);
  }

  abstract Expression unbound();

  static final class Constant extends PortableExpression {
    private static final long serialVersionUID = 1L;
    private final boolean value;

    Constant(boolean value) {
      this.value = value;
    }

    @Override
    Expression unbound() {
      return value ? Expressions.alwaysTrue() : Expressions.alwaysFalse();
    }
  }

  static final class Pair extends PortableExpression {
    private static final long serialVersionUID = 1L;
    private final boolean and;
    private final PortableExpression left;
    private final PortableExpression right;

    Pair(boolean and, PortableExpression left, PortableExpression right) {
      this.and = and;
      this.left = left;
      this.right = right;
    }

    @Override
    Expression unbound() {
      return and ? Expressions.and(left.unbound(), right.unbound())
          : Expressions.or(left.unbound(), right.unbound());
    }
  }

  static final class Negation extends PortableExpression {
    private static final long serialVersionUID = 1L;
    private final PortableExpression child;

    Negation(PortableExpression child) {
      this.child = child;
    }

    @Override
    Expression unbound() {
      return Expressions.not(child.unbound());
    }
  }

  static final class Predicate extends PortableExpression {
    private static final long serialVersionUID = 1L;
    private final Operation op;
    private final String column;
    private final ArrayList<Object> literals;

    Predicate(Operation op, String column, List<Object> literals) {
      this.op = op;
      this.column = column;
      this.literals = new ArrayList<>(literals.size());
      for (Object l : literals) {
        this.literals.add(l instanceof ByteBuffer b ? SparkValues.bytes(b) : l);
      }
    }

    @Override
    Expression unbound() {
      return switch (op) {
        case EQ -> Expressions.equal(column, literals.get(0));
        case NOT_EQ -> Expressions.notEqual(column, literals.get(0));
        case LT -> Expressions.lessThan(column, literals.get(0));
        case LT_EQ -> Expressions.lessThanOrEqual(column, literals.get(0));
        case GT -> Expressions.greaterThan(column, literals.get(0));
        case GT_EQ -> Expressions.greaterThanOrEqual(column, literals.get(0));
        case IN -> Expressions.in(column, literals);
        case NOT_IN -> Expressions.not(Expressions.in(column, literals));
        case IS_NULL -> Expressions.isNull(column);
        case NOT_NULL -> Expressions.notNull(column);
      };
    }
  }
}
