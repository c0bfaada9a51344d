package dev.snaplog.core.expressions;

import dev.snaplog.core.Field;
import java.util.List;

/**
 * A row filter. Immutable. Built with {@link Expressions} by column name (unbound), then bound to a schema,
 * which checks the columns exist and converts literals to the column types.
 *
 * <p>Semantics are SQL's: a comparison with a null value is unknown, and a row passes a filter only when the
 * filter is true, so {@code not(x = 1)} does not return rows where x is null.
 */
public sealed interface Expression {
  /** Matches every row. */
  record True() implements Expression {
    @Override
    public String toString() {
      return "true";
    }
  }

  /** Matches no row. */
  record False() implements Expression {
    @Override
    public String toString() {
      return "false";
    }
  }

  record And(Expression left, Expression right) implements Expression {
    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }
  }

  record Or(Expression left, Expression right) implements Expression {
    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }
  }

  record Not(Expression child) implements Expression {
    @Override
    public String toString() {
      return "not " + child;
    }
  }

  /** A predicate on a column named by the user; literals are as given. */
  record Unbound(Operation op, String column, List<Object> literals) implements Expression {
    @Override
    public String toString() {
      return Expressions.describe(op, column, literals);
    }
  }

  /** A predicate bound to a schema field; literals are in the field type's canonical Java class. */
  record Bound(Operation op, Field field, List<Object> literals) implements Expression {
    public Object literal() {
      return literals.get(0);
    }

    @Override
    public String toString() {
      return Expressions.describe(op, field.name(), literals);
    }
  }
}
