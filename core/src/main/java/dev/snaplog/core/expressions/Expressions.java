package dev.snaplog.core.expressions;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Factory and binder of filter expressions. */
public final class Expressions {
  private static final Expression TRUE = new Expression.True();
  private static final Expression FALSE = new Expression.False();

  private Expressions() {}

  public static Expression alwaysTrue() {
    return TRUE;
  }

  public static Expression alwaysFalse() {
    return FALSE;
  }

  public static Expression equal(String column, Object value) {
    return predicate(Operation.EQ, column, value);
  }

  public static Expression notEqual(String column, Object value) {
    return predicate(Operation.NOT_EQ, column, value);
  }

  public static Expression lessThan(String column, Object value) {
    return predicate(Operation.LT, column, value);
  }

  public static Expression lessThanOrEqual(String column, Object value) {
    return predicate(Operation.LT_EQ, column, value);
  }

  public static Expression greaterThan(String column, Object value) {
    return predicate(Operation.GT, column, value);
  }

  public static Expression greaterThanOrEqual(String column, Object value) {
    return predicate(Operation.GT_EQ, column, value);
  }

  public static Expression in(String column, Object... values) {
    return in(column, Arrays.asList(values));
  }

  public static Expression in(String column, Collection<?> values) {
    if (values.isEmpty()) {
      return FALSE;
    }
    for (Object v : values) {
      Objects.requireNonNull(v, "in() values must not be null; use isNull()");
    }
    return new Expression.Unbound(Operation.IN, column, List.copyOf(values));
  }

  public static Expression isNull(String column) {
    return new Expression.Unbound(Operation.IS_NULL, column, List.of());
  }

  public static Expression notNull(String column) {
    return new Expression.Unbound(Operation.NOT_NULL, column, List.of());
  }

  public static Expression and(Expression left, Expression right) {
    if (left instanceof Expression.False || right instanceof Expression.False) {
      return FALSE;
    }
    if (left instanceof Expression.True) {
      return right;
    }
    if (right instanceof Expression.True) {
      return left;
    }
    return new Expression.And(left, right);
  }

  public static Expression and(Expression first, Expression... rest) {
    Expression e = first;
    for (Expression r : rest) {
      e = and(e, r);
    }
    return e;
  }

  public static Expression or(Expression left, Expression right) {
    if (left instanceof Expression.True || right instanceof Expression.True) {
      return TRUE;
    }
    if (left instanceof Expression.False) {
      return right;
    }
    if (right instanceof Expression.False) {
      return left;
    }
    return new Expression.Or(left, right);
  }

  public static Expression not(Expression child) {
    if (child instanceof Expression.True) {
      return FALSE;
    }
    if (child instanceof Expression.False) {
      return TRUE;
    }
    if (child instanceof Expression.Not n) {
      return n.child();
    }
    return new Expression.Not(child);
  }

  private static Expression predicate(Operation op, String column, Object value) {
    if (value == null) {
      throw new ValidationException("Comparing column '" + column + "' with null is never true; use isNull()"
          + " or notNull()");
    }
    return new Expression.Unbound(op, column, List.of(value));
  }

  /**
   * Binds every predicate to {@code schema}: checks each column exists and converts each literal to the
   * column type. {@code not} is pushed down to the predicates so that stats evaluation sees no negations.
   *
   * @throws ValidationException naming the column or literal that does not fit
   */
  public static Expression bind(Expression expr, Schema schema) {
    if (expr instanceof Expression.And a) {
      return and(bind(a.left(), schema), bind(a.right(), schema));
    } else if (expr instanceof Expression.Or o) {
      return or(bind(o.left(), schema), bind(o.right(), schema));
    } else if (expr instanceof Expression.Not n) {
      return bind(pushNot(n.child()), schema);
    } else if (expr instanceof Expression.Unbound u) {
      return bindPredicate(u, schema);
    } else if (expr instanceof Expression.Bound b) {
      return bindPredicate(new Expression.Unbound(b.op(), b.field().name(), b.literals()), schema);
    }
    return expr;
  }

  private static Expression pushNot(Expression e) {
    if (e instanceof Expression.True) {
      return FALSE;
    } else if (e instanceof Expression.False) {
      return TRUE;
    } else if (e instanceof Expression.And a) {
      return or(not(a.left()), not(a.right()));
    } else if (e instanceof Expression.Or o) {
      return and(not(o.left()), not(o.right()));
    } else if (e instanceof Expression.Not n) {
      return n.child();
    } else if (e instanceof Expression.Unbound u) {
      return new Expression.Unbound(u.op().negate(), u.column(), u.literals());
    }
    Expression.Bound b = (Expression.Bound) e;
    return new Expression.Bound(b.op().negate(), b.field(), b.literals());
  }

  private static Expression bindPredicate(Expression.Unbound u, Schema schema) {
    Field field = schema.field(u.column());
    List<Object> literals = new ArrayList<>();
    for (Object lit : u.literals()) {
      try {
        literals.add(Literals.coerce(field.type(), lit));
      } catch (ValidationException e) {
        throw new ValidationException("Filter on column '" + field.name() + "': " + e.getMessage());
      }
    }
    if (field.required() && u.op() == Operation.IS_NULL) {
      return FALSE;
    }
    if (field.required() && u.op() == Operation.NOT_NULL) {
      return TRUE;
    }
    return new Expression.Bound(u.op(), field, List.copyOf(literals));
  }

  /** The column names an expression refers to. */
  public static List<String> referencedColumns(Expression expr) {
    List<String> out = new ArrayList<>();
    collect(expr, out);
    return out.stream().distinct().toList();
  }

  private static void collect(Expression e, List<String> out) {
    if (e instanceof Expression.And a) {
      collect(a.left(), out);
      collect(a.right(), out);
    } else if (e instanceof Expression.Or o) {
      collect(o.left(), out);
      collect(o.right(), out);
    } else if (e instanceof Expression.Not n) {
      collect(n.child(), out);
    } else if (e instanceof Expression.Unbound u) {
      out.add(u.column());
    } else if (e instanceof Expression.Bound b) {
      out.add(b.field().name());
    }
  }

  static String describe(Operation op, String column, List<Object> literals) {
    return switch (op) {
      case IS_NULL, NOT_NULL -> column + " " + op.symbol();
      case IN, NOT_IN -> column + " " + op.symbol() + " (" + String.join(", ",
          literals.stream().map(Literals::describe).toList()) + ")";
      default -> column + " " + op.symbol() + " " + Literals.describe(literals.get(0));
    };
  }
}
