package dev.snaplog.cli.where;

import dev.snaplog.cli.CliException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code --where} language into an unbound {@link Expression}. A hand-written recursive descent
 * parser, one method per precedence level, so each error can name what was expected and where:
 *
 * <pre>
 *   filter     := or END
 *   or         := and ("or" and)*
 *   and        := not ("and" not)*
 *   not        := "not" not | primary
 *   primary    := "(" or ")" | "true" | "false" | predicate
 *   predicate  := column ( op value | "is" ["not"] "null" | ["not"] "in" "(" value ("," value)* ")" )
 *   op         := = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 *   value      := 'string' | number | true | false
 * </pre>
 *
 * Literals stay as typed here (strings, numbers, booleans); binding to the table schema converts them to the
 * column types, so {@code ts >= '2026-01-01T00:00:00Z'} works on a timestamptz column.
 *
 * <p>Parentheses and {@code not} may nest at most {@link Expressions#MAX_NESTING} levels deep: the parser
 * recurses once per level, so a limit checked while parsing is what keeps a hostile filter from exhausting the
 * stack. Chains of {@code and} / {@code or} are parsed in a loop and may be of any length.
 */
public final class WhereParser {
  private final String text;
  private final List<Token> tokens;
  private int index;
  private int depth;

  private WhereParser(String text) {
    this.text = text;
    this.tokens = WhereLexer.tokenize(text);
  }

  /**
   * @throws CliException (INVALID) naming the position and what was expected
   */
  public static Expression parse(String text) {
    WhereParser p = new WhereParser(text);
    Expression e = p.or();
    p.expect(Token.Kind.END, "'and', 'or' or the end of the filter");
    return e;
  }

  static CliException error(String text, int column, String problem) {
    return CliException.invalid("Cannot parse --where \"" + text + "\": " + problem + " at column " + column);
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token take() {
    return tokens.get(index++);
  }

  private Token expect(Token.Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(t, what);
    }
    return take();
  }

  private CliException unexpected(Token t, String expected) {
    return error(text, t.position(), "expected " + expected + " but found " + t.describe());
  }

  private Expression or() {
    Expression left = and();
    while (peek().isKeyword("or")) {
      take();
      left = Expressions.or(left, and());
    }
    return left;
  }

  private Expression and() {
    Expression left = not();
    while (peek().isKeyword("and")) {
      take();
      left = Expressions.and(left, not());
    }
    return left;
  }

  private Expression not() {
    if (peek().isKeyword("not")) {
      enter(take());
      Expression e = Expressions.not(not());
      depth--;
      return e;
    }
    return primary();
  }

  private Expression primary() {
    Token t = peek();
    if (t.kind() == Token.Kind.LPAREN) {
      enter(take());
      Expression inner = or();
      expect(Token.Kind.RPAREN, "')'");
      depth--;
      return inner;
    }
    if (t.isKeyword("true")) {
      take();
      return Expressions.alwaysTrue();
    }
    if (t.isKeyword("false")) {
      take();
      return Expressions.alwaysFalse();
    }
    return predicate();
  }

  private void enter(Token t) {
    if (++depth > Expressions.MAX_NESTING) {
      throw error(text, t.position(), "parentheses and 'not' nest more than " + Expressions.MAX_NESTING
          + " levels deep; simplify the filter");
    }
  }

  private Expression predicate() {
    Token col = peek();
    if (col.kind() != Token.Kind.QUOTED_IDENT && (col.kind() != Token.Kind.IDENT || isReserved(col))) {
      throw unexpected(col, "a column name");
    }
    take();
    String column = col.text();
    Token t = peek();
    if (t.kind() == Token.Kind.OPERATOR) {
      take();
      return comparison(t, column, value(t));
    }
    if (t.isKeyword("is")) {
      take();
      boolean negated = peek().isKeyword("not");
      if (negated) {
        take();
      }
      if (!peek().isKeyword("null")) {
        throw unexpected(peek(), "'null' after 'is" + (negated ? " not" : "") + "'");
      }
      take();
      return negated ? Expressions.notNull(column) : Expressions.isNull(column);
    }
    boolean negated = t.isKeyword("not");
    if (negated) {
      take();
    }
    if (peek().isKeyword("in")) {
      take();
      Expression in = Expressions.in(column, list());
      return negated ? Expressions.not(in) : in;
    }
    throw unexpected(peek(), negated ? "'in' after 'not'" : "an operator (= != < <= > >=), 'in' or 'is' after"
        + " column '" + column + "'");
  }

  private static Expression comparison(Token op, String column, Object value) {
    return switch (op.text()) {
      case "=" -> Expressions.equal(column, value);
      case "!=" -> Expressions.notEqual(column, value);
      case "<" -> Expressions.lessThan(column, value);
      case "<=" -> Expressions.lessThanOrEqual(column, value);
      case ">" -> Expressions.greaterThan(column, value);
      default -> Expressions.greaterThanOrEqual(column, value);
    };
  }

  private List<Object> list() {
    Token open = expect(Token.Kind.LPAREN, "'(' after 'in'");
    List<Object> values = new ArrayList<>();
    values.add(value(open));
    while (peek().kind() == Token.Kind.COMMA) {
      values.add(value(take()));
    }
    expect(Token.Kind.RPAREN, "',' or ')' in the 'in' list");
    return values;
  }

  private Object value(Token after) {
    Token t = take();
    switch (t.kind()) {
      case STRING:
        return t.text();
      case NUMBER:
        return number(t);
      case IDENT:
        if (t.isKeyword("true") || t.isKeyword("false")) {
          return Boolean.valueOf(t.text().toLowerCase(java.util.Locale.ROOT));
        }
        if (t.isKeyword("null")) {
          throw error(text, t.position(), "comparisons with null are never true; write 'is null' or"
              + " 'is not null'");
        }
        throw error(text, t.position(), "expected a value after " + after.describe() + " but found "
            + t.describe() + " (quote text as a 'string')");
      default:
        throw error(text, t.position(), "expected a value after " + after.describe() + " but found "
            + t.describe());
    }
  }

  private Object number(Token t) {
    try {
      BigDecimal d = new BigDecimal(t.text());
      // Whole numbers become Long so they bind to int and long columns exactly; others stay BigDecimal,
      // which binds exactly to decimals and converts to float and double columns.
      if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
        try {
          return d.longValueExact();
        } catch (ArithmeticException tooBig) {
          return d;
        }
      }
      return d;
    } catch (NumberFormatException e) {
      throw error(text, t.position(), "'" + t.text() + "' is not a number");
    }
  }

  private static boolean isReserved(Token t) {
    for (String k : new String[] {"and", "or", "not", "in", "is", "null", "true", "false"}) {
      if (t.isKeyword(k)) {
        return true;
      }
    }
    return false;
  }
}
