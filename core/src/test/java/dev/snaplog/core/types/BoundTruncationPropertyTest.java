package dev.snaplog.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Truncated bounds still bound every value, and pruning on them never skips a file holding a matching row.
 * Strings are drawn from characters at the edges of the code point order (U+0000, U+D7FF next to the
 * surrogates, U+FFFF, characters beyond the BMP, U+10FFFF, which cannot be incremented) so that the upper bound
 * has to carry and sometimes cannot exist; binary likewise with 0x00, 0x7F, 0x80 and 0xFF.
 */
class BoundTruncationPropertyTest {
  private static final Schema SCHEMA = Schema.parse("s string, b binary");
  private static final Field S = SCHEMA.fields().get(0);
  private static final Field B = SCHEMA.fields().get(1);
  private static final Comparator<Object> STRINGS = Comparators.forType(Type.STRING);
  private static final Comparator<Object> BYTES = Comparators.forType(Type.BINARY);

  @Provide
  Arbitrary<String> edgyStrings() {
    Arbitrary<String> cp = Arbitraries.of("\u0000", "a", "b", "\u00ff", "\ud7ff", "\ue000", "\uffff",
        "\ud83d\ude00", "\udbff\udfff");
    return cp.list().ofMaxSize(24).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<ByteBuffer> edgyBytes() {
    return Arbitraries.of((byte) 0, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 1).list().ofMaxSize(24)
        .map(l -> {
          byte[] b = new byte[l.size()];
          for (int i = 0; i < b.length; i++) {
            b[i] = l.get(i);
          }
          return ByteBuffer.wrap(b);
        });
  }

  @Property(tries = 3000)
  void stringBoundsEncloseTheValue(@ForAll("edgyStrings") String v, @ForAll @IntRange(min = 1, max = 20) int len) {
    String lower = (String) BoundTruncation.lower(Type.STRING, v, len);
    String upper = (String) BoundTruncation.upper(Type.STRING, v, len);
    assertThat(STRINGS.compare(lower, v)).isLessThanOrEqualTo(0);
    assertThat(lower.codePointCount(0, lower.length())).isLessThanOrEqualTo(len);
    if (upper == null) {
      assertThat(v.codePoints().limit(len)).allMatch(c -> c == Character.MAX_CODE_POINT);
    } else {
      assertThat(STRINGS.compare(upper, v)).isGreaterThanOrEqualTo(0);
      assertThat(upper.codePointCount(0, upper.length())).isLessThanOrEqualTo(len);
      assertThat(dev.snaplog.core.Limits.unpairedSurrogate(upper)).isEqualTo(-1);
    }
  }

  @Property(tries = 3000)
  void binaryBoundsEncloseTheValue(@ForAll("edgyBytes") ByteBuffer v, @ForAll @IntRange(min = 1, max = 20) int len) {
    ByteBuffer lower = (ByteBuffer) BoundTruncation.lower(Type.BINARY, v, len);
    ByteBuffer upper = (ByteBuffer) BoundTruncation.upper(Type.BINARY, v, len);
    assertThat(BYTES.compare(lower, v)).isLessThanOrEqualTo(0);
    assertThat(lower.remaining()).isLessThanOrEqualTo(len);
    if (upper != null) {
      assertThat(BYTES.compare(upper, v)).isGreaterThanOrEqualTo(0);
      assertThat(upper.remaining()).isLessThanOrEqualTo(len);
    }
  }

  /** A file of strings and binaries, its truncated stats, and a random predicate: no matching row is pruned. */
  @Property(tries = 5000)
  void pruningOnTruncatedBoundsNeverSkipsAMatchingFile(
      @ForAll @Size(min = 1, max = 5) List<@From("edgyStrings") String> strings,
      @ForAll("edgyStrings") String literal, @ForAll("edgyBytes") ByteBuffer binLiteral,
      @ForAll @IntRange(min = 0, max = 5) int op, @ForAll @IntRange(min = 1, max = 6) int len) {
    Expression e = switch (op) {
      case 0 -> Expressions.equal("s", literal);
      case 1 -> Expressions.lessThan("s", literal);
      case 2 -> Expressions.greaterThanOrEqual("s", literal);
      case 3 -> Expressions.notEqual("s", literal);
      case 4 -> Expressions.in("s", literal, strings.get(0));
      default -> Expressions.greaterThan("b", binLiteral);
    };
    Expression bound = Expressions.bind(e, SCHEMA);
    String min = strings.stream().min(STRINGS).orElseThrow();
    String max = strings.stream().max(STRINGS).orElseThrow();
    List<ByteBuffer> bins = strings.stream().map(s -> ByteBuffer.wrap(s.getBytes(
        java.nio.charset.StandardCharsets.UTF_8))).toList();
    ByteBuffer bmin = bins.stream().min(BYTES).orElseThrow();
    ByteBuffer bmax = bins.stream().max(BYTES).orElseThrow();
    Map<Integer, ColumnStats> stats = Map.of(
        S.id(), BoundTruncation.truncate(Type.STRING, new ColumnStats(0, min, max), len),
        B.id(), BoundTruncation.truncate(Type.BINARY, new ColumnStats(0, bmin, bmax), len));
    boolean anyMatch = false;
    for (int i = 0; i < strings.size(); i++) {
      anyMatch |= Evaluators.matches(bound, dev.snaplog.core.GenericRecord.of(SCHEMA, strings.get(i), bins.get(i)));
    }
    if (anyMatch) {
      assertThat(Evaluators.mightMatch(bound, strings.size(), stats)).as("%s on %s, length %d", e, strings, len)
          .isTrue();
    }
  }
}
