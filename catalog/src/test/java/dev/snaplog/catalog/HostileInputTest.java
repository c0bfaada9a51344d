package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.VerifyReport;
import dev.snaplog.core.exceptions.SnaplogException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random hostile input through the public API: huge values of every column type, long and odd names, keys,
 * values and tokens, Unicode edge cases (NUL, unpaired surrogates, combining marks, right-to-left text,
 * characters beyond the BMP, U+10FFFF) and deep filters. Every operation must either be refused with a typed
 * {@link SnaplogException} and leave the table at the same version, or succeed and leave a table that verifies
 * clean and scans back exactly the rows appended so far. Anything else (an untyped exception, a stack
 * overflow, a table that no longer reads) fails the test with the seed and the operation.
 *
 * <p>{@code -Dsnaplog.hostile.rounds=N} runs more rounds, {@code -Dsnaplog.hostile.seed=S} replays one run.
 */
class HostileInputTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, b boolean, i int, l long, f float,"
      + " d double, dec decimal(38,10), s string, bin binary, dt date, t time, ts timestamp, tz timestamptz,"
      + " u uuid");
  private static final int ROUNDS = Integer.getInteger("snaplog.hostile.rounds", 60);
  private static final long SEED = Long.getLong("snaplog.hostile.seed", 20261202L);


  private Table table;
  private final List<Record> expected = new ArrayList<>();
  private final Random rnd = new Random(SEED);
  private long nextId = 1;
  private int refused;
  private int succeeded;
  private final Map<String, Integer> reasons = new java.util.TreeMap<>();

  @BeforeEach
  void open() {
    table = catalog.createTable(TableId.of("db", "t"), SCHEMA, Map.of(TableProperties.CHECKPOINT_INTERVAL, "3"));
  }

  @Test
  void everyOperationIsRefusedWithATypedErrorOrLeavesAReadableTable() {
    for (int round = 0; round < ROUNDS; round++) {
      int kind = rnd.nextInt(6);
      String what = "seed " + SEED + ", round " + round + ", operation " + kind;
      long before = table.refresh().version();
      try {
        switch (kind) {
          case 0, 1 -> append();
          case 2 -> ref();
          case 3 -> createTable();
          case 4 -> scanWithDeepFilter(what);
          default -> scanWithRandomFilter(what);
        }
        succeeded++;
      } catch (SnaplogException e) {
        refused++;
        String m = e.getMessage().replaceAll("[^\\x20-\\x7e]", "?");
        reasons.merge(e.getClass().getSimpleName() + ": " + m.substring(0, Math.min(70, m.length())), 1,
            Integer::sum);
        assertThat(table.refresh().version()).as("%s refused (%s) but the table moved", what, e.getMessage())
            .isEqualTo(before);
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(what + ": not a typed error", e);
      }
      checkTable(what);
    }
    System.out.printf("hostile input: %d operations succeeded, %d refused, %d rows stored; refusals:%n  %s%n",
        succeeded, refused, expected.size(), String.join("\n  ", reasons.keySet()));
    assertThat(refused).as("refused operations").isPositive();
    assertThat(succeeded).as("successful operations").isPositive();
    assertThat(expected).as("rows appended").isNotEmpty();
  }

  private void append() {
    AppendFiles append = table.newAppend();
    if (rnd.nextInt(3) == 0) {
      append.set(hostileText(300), hostileText(10_000));
    }
    if (rnd.nextInt(3) == 0) {
      append.commitToken(hostileText(300) + ":" + rnd.nextInt(1000));
    }
    List<Record> rows = new ArrayList<>();
    int n = 1 + rnd.nextInt(3);
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[SCHEMA.size()];
      values[0] = nextId + i;
      for (int c = 1; c < values.length; c++) {
        values[c] = rnd.nextInt(5) == 0 ? null : hostileValue(c);
      }
      rows.add(GenericRecord.of(SCHEMA, values));
    }
    Snapshot s = append.appendRecords(rows).commit();
    if (s.sequenceNumber() == table.refresh().version()) { // not a duplicate of an earlier token
      expected.addAll(rows);
      nextId += n;
    }
  }

  private void ref() {
    long snapshot = table.currentSnapshot().map(Snapshot::snapshotId).orElse(0L);
    String name = hostileText(300);
    if (rnd.nextBoolean()) {
      table.manageRefs().createTag(name, snapshot).commit();
      assertThat(table.refresh().tags()).containsKey(name);
    } else {
      table.manageRefs().createBranch(name, snapshot).commit();
      assertThat(table.refresh().branches()).containsKey(name);
    }
  }

  private void createTable() {
    String name = rnd.nextBoolean() ? hostileText(300) : "t" + "\u00e5".repeat(rnd.nextInt(200));
    Map<String, String> props = new LinkedHashMap<>();
    for (int i = rnd.nextInt(3); i > 0; i--) {
      props.put(hostileText(300), hostileText(10_000));
    }
    TableId id = TableId.of("db", name);
    Table created = catalog.createTable(id, SCHEMA, props);
    assertThat(catalog.loadTable(id).properties()).isEqualTo(props);
    assertThat(created.verify().ok()).isTrue();
  }

  private void scanWithDeepFilter(String what) {
    Expression e = Expressions.greaterThan("id", 0L);
    int depth = rnd.nextInt(150);
    for (int i = 0; i < depth; i++) {
      e = switch (rnd.nextInt(3)) {
        case 0 -> new Expression.Not(e);
        case 1 -> new Expression.And(e, Expressions.notNull("id"));
        default -> new Expression.Or(Expressions.lessThan("id", 0L), e);
      };
    }
    if (rnd.nextBoolean()) { // a long flat chain on top
      for (int i = 0; i < 20_000; i++) {
        e = Expressions.or(e, Expressions.equal("id", -1L - i));
      }
    }
    checkScan(e, what);
  }

  private void scanWithRandomFilter(String what) {
    int c = 1 + rnd.nextInt(SCHEMA.size() - 1);
    String col = SCHEMA.fields().get(c).name();
    Object v = hostileValue(c);
    Expression e = switch (rnd.nextInt(4)) {
      case 0 -> Expressions.equal(col, v);
      case 1 -> Expressions.lessThanOrEqual(col, v);
      case 2 -> Expressions.greaterThanOrEqual(col, v);
      default -> Expressions.notEqual(col, v);
    };
    checkScan(e, what);
  }

  /** The scan returns exactly the expected rows the filter accepts, so pruning on truncated bounds lost none. */
  private void checkScan(Expression filter, String what) {
    Expression bound = Expressions.bind(filter, SCHEMA);
    List<Record> want = expected.stream().filter(r -> Evaluators.matches(bound, r)).toList();
    assertThat(rows(table.newScan().filter(filter))).as(what).containsExactlyInAnyOrderElementsOf(want);
  }

  private void checkTable(String what) {
    Table t = catalog.loadTable(TableId.of("db", "t"));
    VerifyReport report = t.verify();
    assertThat(report.problems()).as("verify after %s", what).isEmpty();
    assertThat(rows(t.newScan())).as("scan after %s", what).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<Record> rows(dev.snaplog.core.TableScan scan) {
    if (scan.snapshot().isEmpty()) {
      return List.of();
    }
    List<Record> out = new ArrayList<>();
    try (CloseableIterable<Record> it = scan.records()) {
      it.forEach(r -> {
        Object[] values = new Object[SCHEMA.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = r.get(i);
        }
        out.add(GenericRecord.wrap(SCHEMA, values));
      });
    }
    return out;
  }

  /** A value of the column's type, now and then one that cannot be stored exactly (to be refused). */
  private Object hostileValue(int column) {
    boolean unstorable = rnd.nextInt(40) == 0;
    return switch (SCHEMA.fields().get(column).type().id()) {
      case BOOLEAN -> rnd.nextBoolean();
      case INT -> unstorable ? pick(1L << 40, 1.5d) : pick(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, rnd.nextInt());
      case LONG -> unstorable ? pick(BigInteger.TEN.pow(20), 0.5d) : pick(Long.MIN_VALUE, Long.MAX_VALUE, 0L,
          rnd.nextLong());
      case FLOAT -> unstorable ? pick(1e300d, 1e-300d, "1e39") : pick(Float.NaN, Float.NEGATIVE_INFINITY,
          Float.MAX_VALUE, Float.MIN_VALUE, -0.0f, 0.0f, rnd.nextFloat());
      case DOUBLE -> unstorable ? pick(new BigDecimal("1e400"), new BigDecimal("1e-400"), "-1e999")
          : pick(Double.NaN, Double.POSITIVE_INFINITY, Double.MAX_VALUE, Double.MIN_VALUE, -0.0d, rnd.nextGaussian());
      case DECIMAL -> unstorable ? pick(new BigDecimal("0.00000000001"), new BigDecimal(BigInteger.TEN.pow(40)))
          : pick(new BigDecimal("9999999999999999999999999999.9999999999"),
          new BigDecimal("-9999999999999999999999999999.9999999999"), BigDecimal.ZERO);
      case STRING -> unstorable ? hostileText(40) + "\ud800" : hostileText(rnd.nextInt(8) == 0 ? 3_000_000 : 40);
      case BINARY -> hostileBytes();
      case DATE -> unstorable ? pick(LocalDate.MAX, LocalDate.MIN) : pick(LocalDate.of(1, 1, 1),
          LocalDate.of(9999, 12, 31), LocalDate.EPOCH, LocalDate.of(-200_000, 1, 1));
      case TIME -> unstorable ? LocalTime.of(12, 0, 0, 1) : pick(LocalTime.MIDNIGHT,
          LocalTime.of(23, 59, 59, 999_999_000));
      case TIMESTAMP -> unstorable ? pick(LocalDateTime.MAX, LocalDateTime.of(2026, 1, 1, 0, 0, 0, 5))
          : pick(LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
      case TIMESTAMPTZ -> unstorable ? pick(Instant.MAX, Instant.MIN, Instant.ofEpochSecond(0, 1))
          : pick(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59.999999Z"),
          LocalDateTime.of(-2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
      case UUID -> pick(new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID());
      case STRUCT, LIST, MAP -> throw new IllegalStateException("the schema here has no nested columns");
    };
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[rnd.nextInt(options.length)];
  }

  // Valid Unicode only; unpaired surrogates are added on purpose where a refusal is expected.
  private static final String[] PIECES = {"a", "\u0000", "\u202e", "e\u0301", "\u05d0\u05d1", "\ud83d\ude00",
      "\udbff\udfff", "\uffff", "\ufffd", "\u0301", " ", "\n", "'", "\"", ":", "/", "..", "_", "-", "\u00e5"};

  /** Text of up to {@code size} characters built from awkward pieces (sometimes one repeated). */
  private String hostileText(int size) {
    int len = rnd.nextInt(4) == 0 ? size : rnd.nextInt(Math.max(1, size / 10) + 1);
    StringBuilder sb = new StringBuilder(len + 2);
    String repeated = rnd.nextInt(3) == 0 ? PIECES[rnd.nextInt(PIECES.length)] : null;
    while (sb.length() < len) {
      sb.append(repeated != null ? repeated : PIECES[rnd.nextInt(PIECES.length)]);
    }
    if (rnd.nextInt(20) == 0) {
      sb.insert(rnd.nextInt(sb.length() + 1), rnd.nextBoolean() ? '\ud800' : '\udc00');
    }
    return sb.toString();
  }

  private ByteBuffer hostileBytes() {
    int len = rnd.nextInt(8) == 0 ? 3_000_000 : rnd.nextInt(40);
    byte[] b = new byte[len];
    if (rnd.nextBoolean()) {
      java.util.Arrays.fill(b, (byte) 0xff);
    } else {
      rnd.nextBytes(b);
    }
    return ByteBuffer.wrap(b);
  }
}
