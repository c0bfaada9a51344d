package dev.snaplog.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The string order compares UTF-16 units and settles only differences at a surrogate by code points; it must
 * equal UTF-8 byte order on valid text and plain code point order on any text, lone surrogates included.
 * Strings are built from units around the surrogate range, where UTF-16 and code point order disagree.
 */
class ComparatorsPropertyTest {
  private static final Comparator<Object> STRINGS = Comparators.forType(Type.STRING);

  @Provide
  Arbitrary<String> valid() {
    return Arbitraries.of("a", "b", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\ud83d\ude00", "\ud83d\ude01",
        "\udbff\udfff", "\ud800\udc00").list().ofMaxSize(6).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> anyUnits() {
    return Arbitraries.of('a', '\ud7ff', '\ud800', '\ud83d', '\udbff', '\udc00', '\ude00', '\udfff', '\ue000',
        '\uffff').list().ofMaxSize(6).map(l -> {
          StringBuilder sb = new StringBuilder();
          l.forEach(sb::append);
          return sb.toString();
        });
  }

  @Property(tries = 2000)
  void validTextSortsAsUtf8Bytes(@ForAll("valid") String a, @ForAll("valid") String b) {
    int expected = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    assertThat(Integer.signum(STRINGS.compare(a, b))).isEqualTo(Integer.signum(expected));
  }

  @Property(tries = 2000)
  void anyTextSortsByCodePoints(@ForAll("anyUnits") String a, @ForAll("anyUnits") String b) {
    int expected = Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    assertThat(Integer.signum(STRINGS.compare(a, b))).isEqualTo(Integer.signum(expected));
  }
}
