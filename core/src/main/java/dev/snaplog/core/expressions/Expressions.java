package dev.snaplog.core.expressions;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Factory and binder of filter expressions. */
public final class Expressions {
  /**
   * The deepest nesting of {@code and}, {@code or} and {@code not} that {@link #bind} accepts (a chain of one
   * operator counts once). Deeper filters are refused rather than risk exhausting the thread's stack.
   */
  public static final int MAX_NESTING = 100;

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
   * Chains of {@code and} (or of {@code or}) of any length become balanced trees, so evaluating a bound filter
   * recurses only about log2(terms) deep per level of nesting.
   *
   * @throws ValidationException naming the column or literal that does not fit, or if {@code and}, {@code or}
   *     and {@code not} nest more than {@link #MAX_NESTING} levels deep
   */
  public static Expression bind(Expression expr, Schema schema) {
    int nesting = nesting(expr);
    if (nesting > MAX_NESTING) {
      throw new ValidationException("Filter nests and/or/not " + nesting + " levels deep; the limit is "
          + MAX_NESTING + " (a chain of the same operator, such as a or b or c, is one level)");
    }
    return bind(expr, false, schema);
  }

  // Recursion depth here is bounded by nesting(), which bind checked first.
  private static Expression bind(Expression expr, boolean negate, Schema schema) {
    if (expr instanceof Expression.Not n) {
      return bind(n.child(), !negate, schema);
    } else if (expr instanceof Expression.And || expr instanceof Expression.Or) {
      boolean isAnd = expr instanceof Expression.And;
      List<Expression> bound = new ArrayList<>();
      for (Expression operand : chain(expr)) {
        bound.add(bind(operand, negate, schema));
      }
      return balanced(bound, 0, bound.size(), isAnd != negate); // De Morgan: not(a and b) = not a or not b
    } else if (expr instanceof Expression.True) {
      return negate ? FALSE : TRUE;
    } else if (expr instanceof Expression.False) {
      return negate ? TRUE : FALSE;
    } else if (expr instanceof Expression.Unbound u) {
      return bindPredicate(negate ? new Expression.Unbound(u.op().negate(), u.column(), u.literals()) : u, schema);
    }
    Expression.Bound b = (Expression.Bound) expr;
    return bindPredicate(new Expression.Unbound(negate ? b.op().negate() : b.op(), b.field().name(),
        b.literals()), schema);
  }

  /** The operands of the chain of {@code expr}'s operator (And or Or), left to right; found without recursion. */
  private static List<Expression> chain(Expression expr) {
    Class<?> kind = expr.getClass();
    List<Expression> out = new ArrayList<>();
    Deque<Expression> todo = new ArrayDeque<>();
    todo.push(expr);
    while (!todo.isEmpty()) {
      Expression e = todo.pop();
      if (e.getClass() == kind) {
        todo.push(e instanceof Expression.And a ? a.right() : ((Expression.Or) e).right());
        todo.push(e instanceof Expression.And a ? a.left() : ((Expression.Or) e).left());
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static Expression balanced(List<Expression> operands, int from, int to, boolean and) {
    if (to - from == 1) {
      return operands.get(from);
    }
    int mid = (from + to) >>> 1;
    Expression left = balanced(operands, from, mid, and);
    Expression right = balanced(operands, mid, to, and);
    return and ? and(left, right) : or(left, right);
  }

  /**
   * How deeply {@code and}, {@code or} and {@code not} nest in {@code expr}, counting a chain of the same
   * operator as one level; computed without recursion, so any input can be measured.
   */
  public static int nesting(Expression expr) {
    record Pending(Expression expr, int depth, Class<?> parent) {}
    int max = 0;
    Deque<Pending> todo = new ArrayDeque<>();
    todo.push(new Pending(expr, 0, null));
    while (!todo.isEmpty()) {
      Pending p = todo.pop();
      Expression e = p.expr();
      if (e instanceof Expression.Not n) {
        max = Math.max(max, p.depth() + 1);
        todo.push(new Pending(n.child(), p.depth() + 1, Expression.Not.class));
      } else if (e instanceof Expression.And || e instanceof Expression.Or) {
        int d = e.getClass() == p.parent() ? p.depth() : p.depth() + 1;
        max = Math.max(max, d);
        Expression left = e instanceof Expression.And a ? a.left() : ((Expression.Or) e).left();
        Expression right = e instanceof Expression.And a ? a.right() : ((Expression.Or) e).right();
        todo.push(new Pending(left, d, e.getClass()));
        todo.push(new Pending(right, d, e.getClass()));
      }
    }
    return max;
  }

  private static Expression bindPredicate(Expression.Unbound u, Schema schema) {
    Field field = schema.field(u.column());
    try {
      schema.accessor(field.id());
    } catch (ValidationException e) {
      throw new ValidationException("Filter on column '" + u.column() + "': " + e.getMessage()
          + "; filter on the list or map column itself (is null / is not null)");
    }
    boolean nullCheck = u.op() == Operation.IS_NULL || u.op() == Operation.NOT_NULL;
    if (field.type().isNested() && !nullCheck) {
      throw new ValidationException("Filter on column '" + u.column() + "': a " + field.type().id().typeName()
          + " cannot be compared; filter on one of its fields (such as " + u.column() + "."
          + field.type().fields().get(0).name() + ") or test it with is null / is not null");
    }
    List<Object> literals = new ArrayList<>();
    for (Object lit : u.literals()) {
      try {
        literals.add(Literals.coerce(field.type(), lit));
      } catch (ValidationException e) {
        throw new ValidationException("Filter on column '" + field.name() + "': " + e.getMessage());
      }
    }
    boolean neverNull = schema.neverNull(field.id());
    if (neverNull && u.op() == Operation.IS_NULL) {
      return FALSE;
    }
    if (neverNull && u.op() == Operation.NOT_NULL) {
      return TRUE;
    }
    // a nested field is bound under its full dotted name, which is how it prints and how callers select it
    Field named = field.name().equals(u.column()) ? field : field.withName(u.column());
    return new Expression.Bound(u.op(), named, List.copyOf(literals));
  }

  /** The column names an expression refers to, in order of first use; found without recursion. */
  public static List<String> referencedColumns(Expression expr) {
    Set<String> out = new LinkedHashSet<>();
    Deque<Expression> todo = new ArrayDeque<>();
    todo.push(expr);
    while (!todo.isEmpty()) {
      Expression e = todo.pop();
      if (e instanceof Expression.And a) {
        todo.push(a.right());
        todo.push(a.left());
      } else if (e instanceof Expression.Or o) {
        todo.push(o.right());
        todo.push(o.left());
      } else if (e instanceof Expression.Not n) {
        todo.push(n.child());
      } else if (e instanceof Expression.Unbound u) {
        out.add(u.column());
      } else if (e instanceof Expression.Bound b) {
        out.add(b.field().name());
      }
    }
    return List.copyOf(out);
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
