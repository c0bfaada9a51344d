package dev.snaplog.spark.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.IsNull;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.Not;
import org.apache.spark.sql.sources.Or;
import org.apache.spark.sql.sources.StringStartsWith;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.junit.jupiter.api.Test;

class SparkFiltersTest {
  private final Schema schema = Schema.parse("id int, d double, f float, u uuid, dec decimal(5,2), day date,"
      + " ts timestamptz, s string, a.b int");
  private final SparkFilters filters = new SparkFilters(schema);

  private Optional<Expression> translate(Filter f) {
    return filters.translate(f);
  }

  private boolean matches(Filter f, Object... row) {
    return Evaluators.matches(Expressions.bind(translate(f).orElseThrow(), schema), GenericRecord.of(schema, row));
  }

  @Test
  void exactComparisonsAreTranslated() {
    assertThat(translate(new EqualTo("id", 5))).hasValue(Expressions.equal("id", 5));
    assertThat(translate(new Or(new LessThan("id", 1), new GreaterThan("s", "x")))).isPresent();
    assertThat(translate(new EqualTo("day", java.sql.Date.valueOf("2026-01-31"))))
        .hasValue(Expressions.equal("day", LocalDate.of(2026, 1, 31)));
    assertThat(translate(new LessThan("ts", java.sql.Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")))))
        .hasValue(Expressions.lessThan("ts", Instant.parse("2026-01-01T00:00:00Z")));
    assertThat(translate(new EqualTo("dec", new BigDecimal("1.5")))).isPresent();
  }

  @Test
  void comparisonsWhoseSemanticsDifferFromSparksAreNotTranslated() {
    assertThat(translate(new EqualTo("d", 0.0))).isEmpty(); // Spark: -0.0 = 0.0
    assertThat(translate(new GreaterThan("f", 1.0f))).isEmpty();
    assertThat(translate(new EqualTo("u", "0000000A-0000-0000-0000-000000000000"))).isEmpty(); // case
    assertThat(translate(new IsNull("d"))).hasValue(Expressions.isNull("d"));
    assertThat(translate(new IsNull("u"))).hasValue(Expressions.isNull("u"));
    assertThat(translate(new EqualTo("dec", new BigDecimal("1.005")))).isEmpty(); // finer than the column
    assertThat(translate(new EqualTo("id", 1L << 40))).isEmpty(); // does not fit an int
    assertThat(translate(new StringStartsWith("s", "x"))).isEmpty();
    assertThat(translate(new Or(new EqualTo("id", 1), new EqualTo("d", 1.0)))).isEmpty(); // all or nothing
  }

  @Test
  void quotedNamesAreColumnsAndDottedOnesNestedFields() {
    assertThat(translate(new EqualTo("`a.b`", 1))).hasValue(Expressions.equal("a.b", 1));
    assertThat(translate(new EqualTo("a.b", 1))).isEmpty();
    assertThat(translate(new EqualTo("missing", 1))).isEmpty();
  }

  @Test
  void nullSafeEqualityKeepsSparksTruthForNulls() {
    Filter eq = new EqualNullSafe("id", 3);
    assertThat(matches(eq, 3, null, null, null, null, null, null, null, null)).isTrue();
    assertThat(matches(eq, null, null, null, null, null, null, null, null, null)).isFalse();
    Filter notEq = new Not(eq); // true for a null id in Spark
    assertThat(matches(notEq, null, null, null, null, null, null, null, null, null)).isTrue();
    assertThat(matches(notEq, 3, null, null, null, null, null, null, null, null)).isFalse();
    assertThat(matches(new EqualNullSafe("id", null), null, null, null, null, null, null, null, null, null))
        .isTrue();
  }

  @Test
  void nullsInAnInListAreDropped() {
    Filter in = new In("id", new Object[] {1, null, 2});
    assertThat(translate(in)).hasValue(Expressions.in("id", 1, 2));
    assertThat(translate(new In("id", new Object[] {null}))).hasValue(Expressions.alwaysFalse());
  }

  @Test
  void deletesTranslateOnlyWhatMatchesExactlyTheRowsSparkChooses() {
    SparkFilters exact = SparkFilters.exact(schema);
    Filter notInWithNull = new Not(new In("id", new Object[] {1, null}));
    // for a read, leaving the null out only keeps more rows, which Spark filters again
    assertThat(filters.translate(notInWithNull)).isPresent();
    // a delete would remove id = 2, for which Spark's NOT (id IN (1, NULL)) is unknown, not true
    assertThat(exact.translate(notInWithNull)).isEmpty();
    assertThat(exact.translate(new In("id", new Object[] {1, 2}))).isPresent();
    assertThat(exact.translate(new EqualTo("d", 1.0))).isEmpty();
    assertThat(exact.translate(new StringStartsWith("s", "a"))).isEmpty();
  }

  @Test
  void aV2OrWithAnUntranslatablePartIsNotTranslated() {
    SparkFilters exact = SparkFilters.exact(schema);
    org.apache.spark.sql.connector.expressions.Expression id =
        org.apache.spark.sql.connector.expressions.Expressions.column("id");
    org.apache.spark.sql.connector.expressions.Expression mod =
        new org.apache.spark.sql.connector.expressions.GeneralScalarExpression("%",
            new org.apache.spark.sql.connector.expressions.Expression[] {id, v2Literal(7)});
    Predicate modIsZero = new Predicate("=", new org.apache.spark.sql.connector.expressions.Expression[] {mod,
        v2Literal(0)});
    Predicate atLeast600 = new Predicate(">=", new org.apache.spark.sql.connector.expressions.Expression[] {id,
        v2Literal(600)});
    // Spark's own V1 conversion keeps only the right side here, which would delete too few rows
    assertThat(exact.translateAll(new Predicate[] {new org.apache.spark.sql.connector.expressions.filter.Or(
        modIsZero, atLeast600)})).isEmpty();
    assertThat(exact.translateAll(new Predicate[] {new org.apache.spark.sql.connector.expressions.filter.Not(
        modIsZero)})).isEmpty();
    assertThat(exact.translateAll(new Predicate[] {new org.apache.spark.sql.connector.expressions.filter.Or(
        atLeast600, atLeast600)})).isPresent();
  }

  private static org.apache.spark.sql.connector.expressions.Expression v2Literal(int v) {
    return new org.apache.spark.sql.connector.expressions.LiteralValue<>(v,
        org.apache.spark.sql.types.DataTypes.IntegerType);
  }
}
