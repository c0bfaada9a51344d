package dev.snaplog.core.expressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random filters over random rows drawn from small domains (nulls, NaN, -0.0, characters beyond the BMP),
 * checked against a reference evaluator written here: Kleene logic applied to the unbound tree, with no
 * negation push-down.
 */
class EvaluatorsPropertyTest {
  private static final Schema SCHEMA = Schema.parse("n long, x double, s string, k long not null");
  private static final Object[] LONGS = {-2L, -1L, 0L, 1L, 2L, 3L};
  private static final Object[] DOUBLES = {-1.5, -0.0, 0.0, 2.5, Double.NaN, Double.POSITIVE_INFINITY};
  private static final Object[] STRINGS = {"", "a", "b", "\uFFFD", "\uD83D\uDE00"};
  private static final Operation[] OPS = Operation.values();

  private final Random rnd = new Random(20261125);

  @Test
  void boundEvaluationAgreesWithKleeneLogicOnTheUnboundTree() {
    for (int i = 0; i < 3_000; i++) {
      Expression e = randomExpression(3);
      Expression bound = Expressions.bind(e, SCHEMA);
      for (int j = 0; j < 20; j++) {
        Record row = randomRow();
        assertThat(Evaluators.matches(bound, row)).as("%s on %s", e, row)
            .isEqualTo(Boolean.TRUE.equals(reference(e, row)));
      }
    }
  }

  @Test
  void mightMatchNeverExcludesAFileHoldingAMatchingRow() {
    int pruned = 0;
    for (int i = 0; i < 3_000; i++) {
      Expression bound = Expressions.bind(randomExpression(3), SCHEMA);
      List<Record> file = new ArrayList<>();
      int size = 1 + rnd.nextInt(6);
      for (int j = 0; j < size; j++) {
        file.add(randomRow());
      }
      Map<Integer, ColumnStats> stats = stats(file);
      if (rnd.nextInt(4) == 0) {
        stats.remove(1 + rnd.nextInt(4)); // unknown stats must never prune
      }
      boolean anyMatch = file.stream().anyMatch(r -> Evaluators.matches(bound, r));
      boolean might = Evaluators.mightMatch(bound, file.size(), stats);
      if (anyMatch) {
        assertThat(might).as("%s pruned a file holding a match: %s, stats %s", bound, file, stats).isTrue();
      }
      if (!might) {
        pruned++;
      }
    }
    assertThat(pruned).as("the property is vacuous unless some files are pruned").isGreaterThan(300);
  }

  private Expression randomExpression(int depth) {
    int pick = depth == 0 ? 0 : rnd.nextInt(10);
    if (pick < 5) {
      return randomPredicate();
    } else if (pick < 7) {
      return Expressions.and(randomExpression(depth - 1), randomExpression(depth - 1));
    } else if (pick < 9) {
      return Expressions.or(randomExpression(depth - 1), randomExpression(depth - 1));
    }
    return Expressions.not(randomExpression(depth - 1));
  }

  private Expression randomPredicate() {
    Field f = SCHEMA.fields().get(rnd.nextInt(SCHEMA.size()));
    Object[] domain = domain(f);
    Operation op = OPS[rnd.nextInt(OPS.length)];
    Object lit = domain[rnd.nextInt(domain.length)];
    List<Object> lits = List.of(lit, domain[rnd.nextInt(domain.length)]);
    return switch (op) {
      case IS_NULL -> Expressions.isNull(f.name());
      case NOT_NULL -> Expressions.notNull(f.name());
      case IN -> Expressions.in(f.name(), lits);
      case NOT_IN -> Expressions.not(Expressions.in(f.name(), lits));
      default -> new Expression.Unbound(op, f.name(), List.of(lit));
    };
  }

  private static Object[] domain(Field f) {
    return switch (f.type().id()) {
      case DOUBLE -> DOUBLES;
      case STRING -> STRINGS;
      default -> LONGS;
    };
  }

  private Record randomRow() {
    Object[] values = new Object[SCHEMA.size()];
    for (int i = 0; i < values.length; i++) {
      Field f = SCHEMA.fields().get(i);
      Object[] d = domain(f);
      values[i] = !f.required() && rnd.nextInt(4) == 0 ? null : d[rnd.nextInt(d.length)];
    }
    return GenericRecord.of(SCHEMA, values);
  }

  /** Kleene three-valued logic; null is unknown. */
  private static Boolean reference(Expression e, Record row) {
    if (e instanceof Expression.True) {
      return true;
    } else if (e instanceof Expression.False) {
      return false;
    } else if (e instanceof Expression.And a) {
      Boolean l = reference(a.left(), row);
      Boolean r = reference(a.right(), row);
      if (Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r)) {
        return false;
      }
      return l == null || r == null ? null : true;
    } else if (e instanceof Expression.Or o) {
      Boolean l = reference(o.left(), row);
      Boolean r = reference(o.right(), row);
      if (Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r)) {
        return true;
      }
      return l == null || r == null ? null : false;
    } else if (e instanceof Expression.Not n) {
      Boolean c = reference(n.child(), row);
      return c == null ? null : !c;
    }
    Expression.Unbound u = (Expression.Unbound) e;
    Object v = row.get(u.column());
    if (u.op() == Operation.IS_NULL || u.op() == Operation.NOT_NULL) {
      return (v == null) == (u.op() == Operation.IS_NULL);
    }
    if (v == null) {
      return null;
    }
    Comparator<Object> cmp = referenceOrder();
    int c = cmp.compare(v, u.literals().get(0));
    return switch (u.op()) {
      case EQ -> c == 0;
      case NOT_EQ -> c != 0;
      case LT -> c < 0;
      case LT_EQ -> c <= 0;
      case GT -> c > 0;
      case GT_EQ -> c >= 0;
      case IN -> u.literals().stream().anyMatch(l -> cmp.compare(v, l) == 0);
      case NOT_IN -> u.literals().stream().noneMatch(l -> cmp.compare(v, l) == 0);
      default -> throw new IllegalStateException();
    };
  }

  // Doubles in Double.compare order (NaN above everything, -0.0 below 0.0); strings in code point order.
  private static Comparator<Object> referenceOrder() {
    return (a, b) -> {
      if (a instanceof String x) {
        return java.util.Arrays.compare(x.codePoints().toArray(), ((String) b).codePoints().toArray());
      }
      if (a instanceof Double x) {
        return Double.compare(x, (Double) b);
      }
      return Long.compare((Long) a, (Long) b);
    };
  }

  /** File stats as the data writer defines them: null count, and bounds of the non-null, non-NaN values. */
  private static Map<Integer, ColumnStats> stats(List<Record> rows) {
    Map<Integer, ColumnStats> out = new HashMap<>();
    for (int i = 0; i < SCHEMA.size(); i++) {
      Field f = SCHEMA.fields().get(i);
      long nulls = 0;
      Object min = null;
      Object max = null;
      for (Record r : rows) {
        Object v = r.get(i);
        if (v == null) {
          nulls++;
        } else if (!(v instanceof Double d && d.isNaN())) {
          min = min == null || referenceOrder().compare(v, min) < 0 ? v : min;
          max = max == null || referenceOrder().compare(v, max) > 0 ? v : max;
        }
      }
      out.put(f.id(), new ColumnStats(nulls, min, max));
    }
    return out;
  }
}
