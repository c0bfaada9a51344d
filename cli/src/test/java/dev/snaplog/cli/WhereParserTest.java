package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.cli.where.WhereParser;
import org.junit.jupiter.api.Test;

class WhereParserTest {
  private static String parse(String text) {
    return WhereParser.parse(text).toString();
  }

  @Test
  void precedenceIsNotThenAndThenOr() {
    assertThat(parse("a = 1 or b = 2 and c = 3")).isEqualTo("(a = 1 or (b = 2 and c = 3))");
    assertThat(parse("(a = 1 or b = 2) and c = 3")).isEqualTo("((a = 1 or b = 2) and c = 3)");
    assertThat(parse("not a = 1 and b != 2")).isEqualTo("(not a = 1 and b != 2)");
  }

  @Test
  void literalsAndOperators() {
    assertThat(parse("ts >= '2026-01-01' AND id < 10")).isEqualTo("(ts >= '2026-01-01' and id < 10)");
    assertThat(parse("msg = 'it''s'")).isEqualTo("msg = 'it's'");
    assertThat(parse("x <> -1.5")).isEqualTo("x != -1.5");
    assertThat(parse("x in (1, 2, 3)")).isEqualTo("x in (1, 2, 3)");
    assertThat(parse("x not in ('a')")).isEqualTo("not x in ('a')");
    assertThat(parse("x is null or y is not null")).isEqualTo("(x is null or y is not null)");
    assertThat(parse("flag = true")).isEqualTo("flag = true");
    assertThat(parse("\"order\" = 1")).isEqualTo("order = 1");
    assertThat(parse("true")).isEqualTo("true");
    assertThat(parse("address.city = 'Oslo' and a.b_2.c is null")).isEqualTo("(address.city = 'Oslo' and a.b_2.c"
        + " is null)");
  }

  @Test
  void errorsNameThePosition() {
    assertThatThrownBy(() -> parse("id >")).hasMessageContaining("expected a value after '>'")
        .hasMessageContaining("column 5");
    assertThatThrownBy(() -> parse("id = 1 id = 2")).hasMessageContaining("expected 'and', 'or'")
        .hasMessageContaining("column 8");
    assertThatThrownBy(() -> parse("(id = 1")).hasMessageContaining("expected ')'");
    assertThatThrownBy(() -> parse("msg = 'open")).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> parse("x = null")).hasMessageContaining("is null");
    assertThatThrownBy(() -> parse("x = abc")).hasMessageContaining("quote text");
    assertThatThrownBy(() -> parse("x ~ 1")).hasMessageContaining("unexpected character '~'");
    assertThatThrownBy(() -> parse("and = 1")).hasMessageContaining("expected a column name");
  }
}
