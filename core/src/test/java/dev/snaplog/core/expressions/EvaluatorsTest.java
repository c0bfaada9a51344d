package dev.snaplog.core.expressions;

import static dev.snaplog.core.expressions.Expressions.and;
import static dev.snaplog.core.expressions.Expressions.equal;
import static dev.snaplog.core.expressions.Expressions.greaterThan;
import static dev.snaplog.core.expressions.Expressions.in;
import static dev.snaplog.core.expressions.Expressions.isNull;
import static dev.snaplog.core.expressions.Expressions.lessThan;
import static dev.snaplog.core.expressions.Expressions.not;
import static dev.snaplog.core.expressions.Expressions.notEqual;
import static dev.snaplog.core.expressions.Expressions.notNull;
import static dev.snaplog.core.expressions.Expressions.or;
import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorsTest {
  private static final Schema SCHEMA = Schema.parse("x long, y long, d double, s string");
  // x is null: every comparison on x is unknown
  private static final Record X_NULL = GenericRecord.of(SCHEMA, null, 2L, 1.0, "b");

  private static boolean matches(Expression e, Record row) {
    return Evaluators.matches(Expressions.bind(e, SCHEMA), row);
  }

  private static boolean mightMatch(Expression e, long rows, Map<Integer, ColumnStats> stats) {
    return Evaluators.mightMatch(Expressions.bind(e, SCHEMA), rows, stats);
  }

  @Test
  void comparisonsWithNullAreUnknownAndUnknownIsNotAMatch() {
    assertThat(matches(equal("x", 1), X_NULL)).isFalse();
    assertThat(matches(notEqual("x", 1), X_NULL)).isFalse();
    assertThat(matches(not(equal("x", 1)), X_NULL)).isFalse();
    assertThat(matches(in("x", 1, 2), X_NULL)).isFalse();
    assertThat(matches(not(in("x", 1, 2)), X_NULL)).isFalse();
    assertThat(matches(isNull("x"), X_NULL)).isTrue();
    assertThat(matches(notNull("x"), X_NULL)).isFalse();
    assertThat(matches(not(isNull("x")), X_NULL)).isFalse();
  }

  @Test
  void kleeneAndOrNot() {
    // unknown or true = true; unknown and false = false; unknown and true = unknown
    assertThat(matches(or(equal("x", 1), equal("y", 2)), X_NULL)).isTrue();
    assertThat(matches(and(equal("x", 1), equal("y", 3)), X_NULL)).isFalse();
    assertThat(matches(and(equal("x", 1), equal("y", 2)), X_NULL)).isFalse();
    // not(unknown and false) = true; not(unknown or true) = false; not(unknown and true) = unknown
    assertThat(matches(not(and(equal("x", 1), equal("y", 3))), X_NULL)).isTrue();
    assertThat(matches(not(or(equal("x", 1), equal("y", 2))), X_NULL)).isFalse();
    assertThat(matches(not(and(equal("x", 1), equal("y", 2))), X_NULL)).isFalse();
  }

  @Test
  void comparisonsUseTheColumnOrder() {
    Record row = GenericRecord.of(SCHEMA, 5L, 2L, -0.0, "\uD83D\uDE00");
    assertThat(matches(greaterThan("x", 4), row)).isTrue();
    assertThat(matches(lessThan("x", 5), row)).isFalse();
    // code point order: U+1F600 sorts above U+FFFD although its UTF-16 form starts lower
    assertThat(matches(greaterThan("s", "\uFFFD"), row)).isTrue();
    assertThat(matches(lessThan("d", 0.0), row)).isTrue();
  }

  @Test
  void statsPruneOnlyWhatCannotMatch() {
    Map<Integer, ColumnStats> stats = Map.of(1, new ColumnStats(0, 10L, 20L), 2, new ColumnStats(4, null, null));

    assertThat(mightMatch(equal("x", 9), 4, stats)).isFalse();
    assertThat(mightMatch(equal("x", 10), 4, stats)).isTrue();
    assertThat(mightMatch(greaterThan("x", 20), 4, stats)).isFalse();
    assertThat(mightMatch(lessThan("x", 10), 4, stats)).isFalse();
    assertThat(mightMatch(in("x", 1, 2, 21), 4, stats)).isFalse();
    assertThat(mightMatch(in("x", 1, 15), 4, stats)).isTrue();
    // y is null in all 4 rows: only isNull can pass
    assertThat(mightMatch(equal("y", 1), 4, stats)).isFalse();
    assertThat(mightMatch(not(equal("y", 1)), 4, stats)).isFalse();
    assertThat(mightMatch(isNull("y"), 4, stats)).isTrue();
    assertThat(mightMatch(notNull("y"), 4, stats)).isFalse();
    assertThat(mightMatch(isNull("x"), 4, stats)).isFalse();
    // no stats for s: unknown never prunes
    assertThat(mightMatch(equal("s", "zzz"), 4, stats)).isTrue();
    // an Or prunes only when both sides do
    assertThat(mightMatch(or(equal("x", 9), equal("x", 30)), 4, stats)).isFalse();
    assertThat(mightMatch(or(equal("x", 9), equal("x", 15)), 4, stats)).isTrue();
  }

  @Test
  void notEqualPrunesOnlyAFileOfOneValue() {
    assertThat(mightMatch(notEqual("x", 7), 3, Map.of(1, new ColumnStats(0, 7L, 7L)))).isFalse();
    assertThat(mightMatch(notEqual("x", 7), 3, Map.of(1, new ColumnStats(1, 7L, 7L)))).isFalse();
    assertThat(mightMatch(notEqual("x", 7), 3, Map.of(1, new ColumnStats(0, 7L, 8L)))).isTrue();
  }

  @Test
  void floatingBoundsNeverRuleOutWhatANaNWouldPass() {
    // bounds leave NaN out, and a NaN compares above every number
    Map<Integer, ColumnStats> stats = Map.of(3, new ColumnStats(0, 1.0, 2.0));
    Record nan = GenericRecord.of(SCHEMA, 1L, 1L, Double.NaN, "a");

    assertThat(matches(greaterThan("d", 5.0), nan)).isTrue();
    assertThat(mightMatch(greaterThan("d", 5.0), 3, stats)).isTrue();
    assertThat(mightMatch(notEqual("d", 5.0), 3, Map.of(3, new ColumnStats(0, 5.0, 5.0)))).isTrue();
    assertThat(mightMatch(lessThan("d", 1.0), 3, stats)).isFalse();
    assertThat(mightMatch(equal("d", 5.0), 3, stats)).isFalse();
    assertThat(mightMatch(equal("d", Double.NaN), 3, stats)).isTrue();
  }
}
