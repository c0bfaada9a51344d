package dev.snaplog.core.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.partition.Transforms;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Inclusive projection: never rules out a partition holding a matching row, and does rule out the others. */
class ProjectionsTest {
  private static final Schema SCHEMA = Schema.parse("id long, ts timestamptz, name string, d date, n int,"
      + " amt decimal(9,2)");
  private static final List<PartitionSpec> SPECS = List.of(
      PartitionSpec.parse("day(ts), bucket(8, id), truncate(3, name), month(d), truncate(10, n),"
          + " truncate(50, amt)", SCHEMA),
      PartitionSpec.parse("hour(ts), year(d), id, bucket(4, name), n", SCHEMA));

  @Test
  void rangeOnTheSourceBecomesARangeOnTheDay() {
    PartitionSpec spec = PartitionSpec.parse("day(ts)", SCHEMA);
    PartitionFilter f = PartitionFilter.of(bind(Expressions.greaterThanOrEqual("ts", "2026-01-02T00:00:00Z")),
        spec, SCHEMA);
    assertThat(f.expression().toString()).isEqualTo("ts_day >= 2026-01-02");
    assertThat(f.mightContain(Map.of(1000, LocalDate.of(2026, 1, 1)))).isFalse();
    assertThat(f.mightContain(Map.of(1000, LocalDate.of(2026, 1, 2)))).isTrue();
    // ts > midnight: rows of that day may still match
    PartitionFilter gt = PartitionFilter.of(bind(Expressions.lessThan("ts", "2026-01-02T00:00:00Z")), spec, SCHEMA);
    assertThat(gt.expression().toString()).isEqualTo("ts_day <= 2026-01-01");
  }

  @Test
  void equalityOnTheSourceBecomesEqualityOnTheBucket() {
    PartitionSpec spec = PartitionSpec.parse("bucket(16, id)", SCHEMA);
    int bucket = (Integer) Transforms.bucket(16).apply(SCHEMA.field("id").type(), 5L);
    PartitionFilter f = PartitionFilter.of(bind(Expressions.equal("id", 5)), spec, SCHEMA);
    assertThat(f.expression().toString()).isEqualTo("id_bucket = " + bucket);
    assertThat(f.mightContain(Map.of(1000, bucket))).isTrue();
    assertThat(f.mightContain(Map.of(1000, (bucket + 1) % 16))).isFalse();
    // ranges and inequality say nothing about a bucket
    assertThat(PartitionFilter.of(bind(Expressions.greaterThan("id", 5)), spec, SCHEMA).expression())
        .isEqualTo(Expressions.alwaysTrue());
    assertThat(PartitionFilter.of(bind(Expressions.notEqual("id", 5)), spec, SCHEMA).expression())
        .isEqualTo(Expressions.alwaysTrue());
  }

  @Test
  void nullChecksCarryOverAndOtherColumnsAreUnconstrained() {
    PartitionSpec spec = PartitionSpec.parse("truncate(3, name)", SCHEMA);
    PartitionFilter f = PartitionFilter.of(bind(Expressions.and(Expressions.isNull("name"),
        Expressions.equal("n", 3))), spec, SCHEMA);
    assertThat(f.expression().toString()).isEqualTo("name_trunc is null");
    Map<Integer, Object> nullPartition = new java.util.HashMap<>();
    nullPartition.put(1000, null);
    assertThat(f.mightContain(nullPartition)).isTrue();
    assertThat(f.mightContain(Map.of(1000, "abc"))).isFalse();
    assertThat(PartitionFilter.of(bind(Expressions.equal("name", "abcdef")), spec, SCHEMA).expression()
        .toString()).isEqualTo("name_trunc = 'abc'");
  }

  @Test
  void anUnpartitionedSpecKeepsEverything() {
    PartitionFilter f = PartitionFilter.of(bind(Expressions.equal("id", 1)), PartitionSpec.UNPARTITIONED, SCHEMA);
    assertThat(f.mightContain(Map.of())).isTrue();
  }

  @Property(tries = 400)
  void aPartitionHoldingAMatchingRowIsNeverRuledOut(@ForAll("rows") Record row,
      @ForAll("filters") Expression filter) {
    Expression bound = bind(filter);
    if (!Evaluators.matches(bound, row)) {
      return;
    }
    for (PartitionSpec spec : SPECS) {
      assertThat(PartitionFilter.of(bound, spec, SCHEMA).mightContain(spec.partition(row)))
          .as("spec %s, filter %s, row %s", spec, bound, row).isTrue();
    }
  }

  @Provide
  Arbitrary<Record> rows() {
    return Combinators.combine(ids().injectNull(0.1), instants().injectNull(0.1), names().injectNull(0.1),
        dates().injectNull(0.1), ints().injectNull(0.1), decimals().injectNull(0.1))
        .as((id, ts, name, d, n, amt) -> GenericRecord.of(SCHEMA, id, ts, name, d, n, amt));
  }

  @Provide
  Arbitrary<Expression> filters() {
    Arbitrary<Expression> predicate = Arbitraries.oneOf(
        Arbitraries.of(Operation.values()).flatMap(op -> ids().map(v -> predicate(op, "id", v))),
        Arbitraries.of(Operation.values()).flatMap(op -> instants().map(v -> predicate(op, "ts", v))),
        Arbitraries.of(Operation.values()).flatMap(op -> names().map(v -> predicate(op, "name", v))),
        Arbitraries.of(Operation.values()).flatMap(op -> dates().map(v -> predicate(op, "d", v))),
        Arbitraries.of(Operation.values()).flatMap(op -> ints().map(v -> predicate(op, "n", v))),
        Arbitraries.of(Operation.values()).flatMap(op -> decimals().map(v -> predicate(op, "amt", v))));
    return Arbitraries.oneOf(predicate,
        Combinators.combine(predicate, predicate).as(Expressions::and),
        Combinators.combine(predicate, predicate).as(Expressions::or),
        predicate.map(Expressions::not));
  }

  private static Expression predicate(Operation op, String column, Object v) {
    return switch (op) {
      case EQ -> Expressions.equal(column, v);
      case NOT_EQ -> Expressions.notEqual(column, v);
      case LT -> Expressions.lessThan(column, v);
      case LT_EQ -> Expressions.lessThanOrEqual(column, v);
      case GT -> Expressions.greaterThan(column, v);
      case GT_EQ -> Expressions.greaterThanOrEqual(column, v);
      case IN -> Expressions.in(column, v, v);
      case NOT_IN -> Expressions.not(Expressions.in(column, v));
      case IS_NULL -> Expressions.isNull(column);
      case NOT_NULL -> Expressions.notNull(column);
    };
  }

  private static Arbitrary<Long> ids() {
    return Arbitraries.longs().between(-30, 30);
  }

  // around the epoch (negative values round down) and around hour and day edges
  private static Arbitrary<Instant> instants() {
    return Combinators.combine(Arbitraries.longs().between(-3, 3), Arbitraries.longs().between(-2, 2),
        Arbitraries.of(0L, 1L, -1L, 59_999_999L))
        .as((days, hours, micros) -> Instant.EPOCH.plusSeconds(days * 86_400 + hours * 3_600)
            .plusNanos(micros * 1000));
  }

  private static Arbitrary<String> names() {
    return Arbitraries.strings().withChars("ab\u00ff\ud83d\ude00").ofMaxLength(5)
        .filter(s -> dev.snaplog.core.Limits.unpairedSurrogate(s) < 0);
  }

  private static Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(-400, 400).map(d -> LocalDate.of(1970, 1, 1).plusDays(d * 3));
  }

  private static Arbitrary<Integer> ints() {
    return Arbitraries.integers().between(-25, 25);
  }

  private static Arbitrary<BigDecimal> decimals() {
    return Arbitraries.integers().between(-300, 300).map(u -> BigDecimal.valueOf(u, 2));
  }

  private static Expression bind(Expression e) {
    return Expressions.bind(e, SCHEMA);
  }
}
