package dev.snaplog.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Literals;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SchemaAndNamesTest {
  @Test
  void schemaStringsParseWithIdsTypesAndNullability() {
    Schema s = Schema.parse("id long not null, amount decimal(10, 2), ts timestamptz, day date NULL");
    assertThat(s.fields()).containsExactly(Field.required(1, "id", Type.LONG),
        Field.optional(2, "amount", Type.decimal(10, 2)), Field.optional(3, "ts", Type.TIMESTAMPTZ),
        Field.optional(4, "day", Type.DATE));
    assertThat(Schema.parse(s.toString())).isEqualTo(s);
  }

  @Test
  void malformedSchemaStringsNameTheProblem() {
    assertThatThrownBy(() -> Schema.parse("id")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("no type");
    assertThatThrownBy(() -> Schema.parse("id lng")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'id'").hasMessageContaining("lng");
    assertThatThrownBy(() -> Schema.parse("id long, id int")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("duplicate");
    assertThatThrownBy(() -> Schema.parse("a decimal(40,2)")).hasMessageContaining("precision");
    assertThatThrownBy(() -> Schema.parse("a long,,b int")).hasMessageContaining("Empty column");
  }

  @Test
  void literalsCoerceExactlyOrFail() {
    assertThat(Literals.coerce(Type.LONG, 5)).isEqualTo(5L);
    assertThat(Literals.coerce(Type.INT, 5L)).isEqualTo(5);
    assertThatThrownBy(() -> Literals.coerce(Type.INT, 1L << 40)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Literals.coerce(Type.LONG, 1.5)).isInstanceOf(ValidationException.class);
    assertThat(Literals.coerce(Type.decimal(5, 2), "1.5")).isEqualTo(new BigDecimal("1.50"));
    assertThatThrownBy(() -> Literals.coerce(Type.decimal(5, 2), "1.555")).hasMessageContaining("fraction");
    assertThatThrownBy(() -> Literals.coerce(Type.decimal(3, 0), 12345)).hasMessageContaining("digits");
    assertThat(Literals.coerce(Type.DATE, "2026-11-25")).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(Literals.coerce(Type.TIMESTAMPTZ, "2026-01-01T10:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-01-01T09:00:00Z"));
    assertThatThrownBy(() -> Literals.fromText(Type.DATE, "25/11/2026")).hasMessageContaining("yyyy-mm-dd");
    assertThatThrownBy(() -> Literals.fromText(Type.BOOLEAN, "yes")).hasMessageContaining("true or false");
  }

  @Test
  void identifiersThatCouldEscapeTheWarehouseAreRefused() {
    for (String bad : new String[] {"a/b", "..", "a..b", "a\\b", "tab\there", "nl\n", "_x", "", "a.b", " x"}) {
      assertThatThrownBy(() -> Names.checkIdentifier("Table", bad)).as(bad).isInstanceOf(ValidationException.class);
    }
    Names.checkIdentifier("Table", "events_2026-v2");
    assertThat(TableId.parse("db.events")).isEqualTo(TableId.of("db", "events"));
    assertThatThrownBy(() -> TableId.parse("events")).hasMessageContaining("namespace.table");
  }
}
