package dev.snaplog.core.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, name string, day date");

  @Test
  void andOrNotFoldConstants() {
    Expression p = Expressions.equal("id", 1);
    assertThat(Expressions.and(Expressions.alwaysTrue(), p)).isEqualTo(p);
    assertThat(Expressions.and(p, Expressions.alwaysFalse())).isEqualTo(Expressions.alwaysFalse());
    assertThat(Expressions.or(p, Expressions.alwaysTrue())).isEqualTo(Expressions.alwaysTrue());
    assertThat(Expressions.or(Expressions.alwaysFalse(), p)).isEqualTo(p);
    assertThat(Expressions.not(Expressions.not(p))).isEqualTo(p);
    assertThat(Expressions.in("id", List.of())).isEqualTo(Expressions.alwaysFalse());
  }

  @Test
  void bindCoercesLiteralsAndPushesNotDownToPredicates() {
    Expression bound = Expressions.bind(Expressions.not(Expressions.and(Expressions.lessThan("id", 5),
        Expressions.equal("day", "2026-01-02"))), SCHEMA);

    assertThat(bound).isInstanceOf(Expression.Or.class);
    Expression.Or or = (Expression.Or) bound;
    Expression.Bound left = (Expression.Bound) or.left();
    Expression.Bound right = (Expression.Bound) or.right();
    assertThat(left.op()).isEqualTo(Operation.GT_EQ);
    assertThat(left.literal()).isEqualTo(5L);
    assertThat(right.op()).isEqualTo(Operation.NOT_EQ);
    assertThat(right.literal()).isEqualTo(java.time.LocalDate.of(2026, 1, 2));
  }

  @Test
  void nullChecksOnRequiredColumnsFold() {
    assertThat(Expressions.bind(Expressions.isNull("id"), SCHEMA)).isEqualTo(Expressions.alwaysFalse());
    assertThat(Expressions.bind(Expressions.notNull("id"), SCHEMA)).isEqualTo(Expressions.alwaysTrue());
    assertThat(Expressions.bind(Expressions.not(Expressions.isNull("id")), SCHEMA))
        .isEqualTo(Expressions.alwaysTrue());
  }

  @Test
  void badFiltersAreValidationErrorsNamingTheColumn() {
    assertThatThrownBy(() -> Expressions.bind(Expressions.equal("nope", 1), SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> Expressions.bind(Expressions.equal("id", "abc"), SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'id'");
    assertThatThrownBy(() -> Expressions.bind(Expressions.equal("id", 1.5), SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'id'");
    assertThatThrownBy(() -> Expressions.equal("id", null))
        .isInstanceOf(ValidationException.class).hasMessageContaining("isNull");
  }

  @Test
  void referencedColumnsAreListedOnce() {
    Expression e = Expressions.or(Expressions.equal("id", 1), Expressions.and(Expressions.isNull("name"),
        Expressions.notEqual("id", 2)));
    assertThat(Expressions.referencedColumns(e)).containsExactly("id", "name");
  }
}
