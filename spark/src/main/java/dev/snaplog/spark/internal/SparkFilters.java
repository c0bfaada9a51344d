package dev.snaplog.spark.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.TypeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.internal.connector.PredicateUtils;
import org.apache.spark.sql.sources.AlwaysFalse;
import org.apache.spark.sql.sources.AlwaysTrue;
import org.apache.spark.sql.sources.And;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNotNull;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;

/**
 * Translates Spark's data source filters into Snaplog expressions, for pruning files and row groups by their
 * stats. A filter is translated only where Snaplog's comparison agrees with Spark's on every value, so pruning
 * never drops a row Spark would keep, under any combination of and, or and not:
 *
 * <ul>
 *   <li>float and double columns: only null tests (Spark treats -0.0 and 0.0 as equal, Snaplog's stats and
 *       Java's ordering do not);
 *   <li>uuid columns: only null tests (Spark compares them as strings, in any letter case);
 *   <li>a literal that does not fit the column's type exactly (a fraction for an int column, more decimal
 *       places than the column has) is not translated.
 * </ul>
 *
 * Untranslated filters are simply not pushed; Spark evaluates every filter after the scan either way.
 *
 * <p>Filters that choose rows to delete or replace ({@link #exact}) must also never match a row Spark's own
 * evaluation would not: there an {@code IN} list holding a null is not translated (dropping the null would
 * make {@code NOT (a IN (1, NULL))} true for {@code a = 2}, where Spark says unknown).
 */
public final class SparkFilters {
  private final Schema schema;
  private final boolean exact;

  /** A translator for pruning reads. */
  public SparkFilters(Schema schema) {
    this(schema, false);
  }

  private SparkFilters(Schema schema, boolean exact) {
    this.schema = schema;
    this.exact = exact;
  }

  /** A translator whose results match exactly the rows Spark's filter is true for, for deletes and overwrites. */
  public static SparkFilters exact(Schema schema) {
    return new SparkFilters(schema, true);
  }

  /**
   * The conjunction of Spark's data source V2 {@code predicates}, when every one of them can be translated
   * (an empty array is true); empty when any cannot.
   */
  public Optional<Expression> translateAll(Predicate[] predicates) {
    Expression all = Expressions.alwaysTrue();
    for (Predicate p : predicates) {
      Optional<Expression> e = v1(p).flatMap(this::translate);
      if (e.isEmpty()) {
        return Optional.empty();
      }
      all = Expressions.and(all, e.get());
    }
    return Optional.of(all);
  }

  /**
   * The V1 form of a V2 predicate, when all of it has one. Spark's own conversion keeps one side of an
   * {@code OR} whose other side has no V1 form ({@code a % 7 = 0 OR b > 5} becomes {@code b > 5}), which would
   * match fewer rows; so {@code AND}, {@code OR} and {@code NOT} are taken apart here, and only their leaves
   * are converted by Spark.
   */
  static Optional<Filter> v1(Predicate p) {
    switch (p.name()) {
      case "AND", "OR" -> {
        Optional<Filter> l = v1((Predicate) p.children()[0]);
        Optional<Filter> r = v1((Predicate) p.children()[1]);
        if (l.isEmpty() || r.isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(p.name().equals("AND") ? new And(l.get(), r.get()) : new Or(l.get(), r.get()));
      }
      case "NOT" -> {
        return v1((Predicate) p.children()[0]).map(Not::new);
      }
      default -> {
        scala.Option<Filter> converted = PredicateUtils.toV1(p);
        return converted.isDefined() ? Optional.of(converted.get()) : Optional.empty();
      }
    }
  }

  /** The Snaplog form of {@code filter}, when every part of it can be translated exactly. */
  public Optional<Expression> translate(Filter filter) {
    try {
      return Optional.ofNullable(convert(filter));
    } catch (ValidationException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private Expression convert(Filter f) {
    if (f instanceof AlwaysTrue) {
      return Expressions.alwaysTrue();
    } else if (f instanceof AlwaysFalse) {
      return Expressions.alwaysFalse();
    } else if (f instanceof And a) {
      Expression l = convert(a.left());
      Expression r = convert(a.right());
      return l == null || r == null ? null : Expressions.and(l, r);
    } else if (f instanceof Or o) {
      Expression l = convert(o.left());
      Expression r = convert(o.right());
      return l == null || r == null ? null : Expressions.or(l, r);
    } else if (f instanceof Not n) {
      Expression c = convert(n.child());
      return c == null ? null : Expressions.not(c);
    } else if (f instanceof IsNull n) {
      return column(n.attribute()).map(c -> Expressions.isNull(c.name())).orElse(null);
    } else if (f instanceof IsNotNull n) {
      return column(n.attribute()).map(c -> Expressions.notNull(c.name())).orElse(null);
    } else if (f instanceof EqualTo e) {
      return comparable(e.attribute()).map(c -> Expressions.equal(c.name(), literal(c, e.value()))).orElse(null);
    } else if (f instanceof EqualNullSafe e) {
      // a <=> v is true or false, never unknown: null-safe equality to a value also says "a is not null",
      // which keeps not(a <=> v) true for null rows, as in Spark
      return comparable(e.attribute()).map(c -> e.value() == null ? Expressions.isNull(c.name())
          : Expressions.and(Expressions.notNull(c.name()), Expressions.equal(c.name(), literal(c, e.value()))))
          .orElse(null);
    } else if (f instanceof GreaterThan g) {
      return comparable(g.attribute()).map(c -> Expressions.greaterThan(c.name(), literal(c, g.value())))
          .orElse(null);
    } else if (f instanceof GreaterThanOrEqual g) {
      return comparable(g.attribute()).map(c -> Expressions.greaterThanOrEqual(c.name(), literal(c, g.value())))
          .orElse(null);
    } else if (f instanceof LessThan l) {
      return comparable(l.attribute()).map(c -> Expressions.lessThan(c.name(), literal(c, l.value())))
          .orElse(null);
    } else if (f instanceof LessThanOrEqual l) {
      return comparable(l.attribute()).map(c -> Expressions.lessThanOrEqual(c.name(), literal(c, l.value())))
          .orElse(null);
    } else if (f instanceof In in) {
      return comparable(in.attribute()).map(c -> in(c, in.values())).orElse(null);
    }
    return null;
  }

  private Expression in(Field column, Object[] values) {
    // a null in the list can only make the result unknown, never true: leaving it out keeps the same rows
    List<Object> literals = new ArrayList<>();
    for (Object v : values) {
      if (v == null && exact) {
        throw new ValidationException("null in an IN list");
      } else if (v != null) {
        literals.add(literal(column, v));
      }
    }
    return Expressions.in(column.name(), literals);
  }

  /**
   * The top-level column a filter names. Spark quotes a name that holds a dot or a backtick ({@code `a.b`},
   * doubling backticks inside), and writes a nested field as {@code a.b}; Snaplog columns are flat.
   */
  private Optional<Field> column(String attribute) {
    if (attribute.startsWith("`")) {
      if (attribute.length() < 2 || !attribute.endsWith("`")) {
        return Optional.empty();
      }
      String inner = attribute.substring(1, attribute.length() - 1);
      if (inner.replace("``", "").contains("`")) {
        return Optional.empty(); // more than one quoted part: a nested field
      }
      return schema.findField(inner.replace("``", "`"));
    }
    return attribute.contains(".") ? Optional.empty() : schema.findField(attribute);
  }

  private Optional<Field> comparable(String attribute) {
    return column(attribute).filter(f -> f.type().isPrimitive() && f.type().id() != TypeId.FLOAT
        && f.type().id() != TypeId.DOUBLE && f.type().id() != TypeId.UUID);
  }

  /** A filter value in the column's canonical class; Spark hands over java.sql dates and times by default. */
  private static Object literal(Field column, Object value) {
    if (value == null) {
      throw new ValidationException("null literal");
    }
    Object v = value;
    if (v instanceof java.sql.Date d) {
      v = d.toLocalDate();
    } else if (v instanceof java.sql.Timestamp t) {
      v = t.toInstant();
    } else if (v instanceof String s && column.type().id() != TypeId.STRING) {
      throw new ValidationException("string literal for a " + column.type() + " column: " + s);
    }
    Object coerced = Literals.coerce(column.type(), v);
    if (coerced instanceof java.time.temporal.Temporal && !coerced.equals(v)) {
      throw new ValidationException("literal finer than the column: " + v); // truncated, so not exact
    }
    return coerced;
  }
}
