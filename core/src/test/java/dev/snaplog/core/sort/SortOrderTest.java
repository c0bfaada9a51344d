package dev.snaplog.core.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.SortOrder.Direction;
import dev.snaplog.core.SortOrder.NullOrder;
import dev.snaplog.core.exceptions.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sort orders as written, checked against a schema, and the row order they make. */
class SortOrderTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, category string,"
      + " amount decimal(9,2), tags list<string>, attrs map<string,string>,"
      + " device struct<region: string, model: string>");

  private static int id(String column) {
    return SCHEMA.findField(column).orElseThrow().id();
  }

  @Test
  void parsesDirectionsAndNullOrdersWithDefaults() {
    SortOrder order = SortOrder.parse("ts desc, id, category asc nulls last, amount DESC NULLS FIRST,"
        + " device.region", SCHEMA);
    assertThat(order.orderId()).isEqualTo(1);
    assertThat(order.fields()).containsExactly(
        new SortOrder.Field(id("ts"), Direction.DESC, NullOrder.NULLS_LAST),
        new SortOrder.Field(id("id"), Direction.ASC, NullOrder.NULLS_FIRST),
        new SortOrder.Field(id("category"), Direction.ASC, NullOrder.NULLS_LAST),
        new SortOrder.Field(id("amount"), Direction.DESC, NullOrder.NULLS_FIRST),
        new SortOrder.Field(id("device.region"), Direction.ASC, NullOrder.NULLS_FIRST));
    assertThat(order.toText(SCHEMA))
        .isEqualTo("ts desc, id, category asc nulls last, amount desc nulls first, device.region");
    assertThat(SortOrder.parse(order.toText(SCHEMA), SCHEMA)).isEqualTo(order);
  }

  @Test
  void blankTextIsUnsorted() {
    assertThat(SortOrder.parse("  ", SCHEMA)).isEqualTo(SortOrder.UNSORTED);
    assertThat(SortOrder.UNSORTED.isUnsorted()).isTrue();
    assertThat(SortOrder.UNSORTED.toText(SCHEMA)).isEmpty();
  }

  @Test
  void refusesWhatCannotBeSortedBy() {
    assertThatThrownBy(() -> SortOrder.parse("nope desc", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown column 'nope'").hasMessageContaining("the columns are");
    assertThatThrownBy(() -> SortOrder.parse("tags", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'tags' is a list").hasMessageContaining("primitive columns");
    assertThatThrownBy(() -> SortOrder.parse("attrs", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'attrs' is a map");
    assertThatThrownBy(() -> SortOrder.parse("device", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'device' is a struct").hasMessageContaining("device.field");
    assertThatThrownBy(() -> SortOrder.parse("tags.element", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("inside a list");
    assertThatThrownBy(() -> SortOrder.parse("id, id desc", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("already sorts by that column");
    assertThatThrownBy(() -> SortOrder.parse("id sideways", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'sideways'");
    assertThatThrownBy(() -> SortOrder.parse("id nulls", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'nulls' without 'first' or 'last'");
    assertThatThrownBy(() -> SortOrder.parse("id,,ts", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Empty sort column");
  }

  @Test
  void updateBuildsTheSameOrderAsTheParserAndRefusesBadColumns() {
    SortOrderUpdate u = new SortOrderUpdate(SCHEMA, 3, x -> x.apply());
    u.desc("ts").asc("id").asc("category", NullOrder.NULLS_LAST);
    assertThat(u.apply()).isEqualTo(new SortOrder(3, SortOrder.parse("ts desc, id, category asc nulls last",
        SCHEMA).fields()));
    assertThat(new SortOrderUpdate(SCHEMA, 3, x -> x.apply()).apply()).isEqualTo(SortOrder.UNSORTED);
    assertThatThrownBy(() -> u.asc("tags")).isInstanceOf(ValidationException.class).hasMessageContaining("list");
    assertThatThrownBy(() -> u.desc("id")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("already sorts by");
    assertThat(u.apply().fields()).hasSize(3); // refused columns left the update as it was
  }

  @Test
  void sortByTakesTheParsersTextAndAddsAfterColumnsGivenBefore() {
    SortOrder parsed = SortOrder.parse("ts desc, id, category asc nulls last", SCHEMA);
    assertThat(new SortOrderUpdate(SCHEMA, 4, x -> x.apply()).sortBy("ts desc, id, category asc nulls last")
        .apply()).isEqualTo(new SortOrder(4, parsed.fields()));
    assertThat(new SortOrderUpdate(SCHEMA, 4, x -> x.apply()).desc("ts").sortBy("id, category asc nulls last")
        .apply()).isEqualTo(new SortOrder(4, parsed.fields()));
    assertThat(new SortOrderUpdate(SCHEMA, 4, x -> x.apply()).sortBy("").apply()).isEqualTo(SortOrder.UNSORTED);
    assertThatThrownBy(() -> new SortOrderUpdate(SCHEMA, 4, x -> x.apply()).sortBy("tags"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("list");
  }

  private static List<Object> sortedValues(String order, String column, Record... rows) {
    List<Record> list = new ArrayList<>(Arrays.asList(rows));
    list.sort(SortOrder.parse(order, SCHEMA).comparator(SCHEMA));
    return list.stream().map(r -> r.get(column)).toList();
  }

  private static Record cat(long id, String category) {
    Object[] values = new Object[SCHEMA.fields().size()];
    values[0] = id;
    values[2] = category;
    return GenericRecord.of(SCHEMA, values);
  }

  @Test
  void comparatorHonoursDirectionAndNullOrderOnStrings() {
    Record[] rows = {cat(1, "b"), cat(2, null), cat(3, "a"), cat(4, "\uD83D\uDE00"), cat(5, "\uFFFD")};
    assertThat(sortedValues("category", "category", rows))
        .containsExactly(null, "a", "b", "\uFFFD", "\uD83D\uDE00"); // code point order, as Parquet stats
    assertThat(sortedValues("category desc", "category", rows))
        .containsExactly("\uD83D\uDE00", "\uFFFD", "b", "a", null);
    assertThat(sortedValues("category asc nulls last", "category", rows))
        .containsExactly("a", "b", "\uFFFD", "\uD83D\uDE00", null);
    assertThat(sortedValues("category desc nulls first", "category", rows))
        .containsExactly(null, "\uD83D\uDE00", "\uFFFD", "b", "a");
  }

  private static Record amount(long id, String amount) {
    Object[] values = new Object[SCHEMA.fields().size()];
    values[0] = id;
    values[3] = amount == null ? null : new BigDecimal(amount);
    return GenericRecord.of(SCHEMA, values);
  }

  @Test
  void comparatorOrdersDecimalsByValueAndBreaksTiesByLaterFields() {
    Record[] rows = {amount(1, "10.50"), amount(2, "-3.00"), amount(3, "9.99"), amount(4, null),
        amount(5, "10.50"), amount(0, "10.50")};
    assertThat(sortedValues("amount", "amount", rows)).containsExactly(null, new BigDecimal("-3.00"),
        new BigDecimal("9.99"), new BigDecimal("10.50"), new BigDecimal("10.50"), new BigDecimal("10.50"));
    assertThat(sortedValues("amount desc, id desc", "id", rows)).containsExactly(5L, 1L, 0L, 3L, 2L, 4L);
    assertThat(sortedValues("amount desc, id", "id", rows)).containsExactly(0L, 1L, 5L, 3L, 2L, 4L);
  }

  @Test
  void comparatorReadsNestedStructFields() {
    Schema s = SCHEMA;
    Object[] a = new Object[s.fields().size()];
    a[0] = 1L;
    a[6] = Map.of("region", "eu", "model", "x");
    Object[] b = new Object[s.fields().size()];
    b[0] = 2L;
    b[6] = Map.of("region", "ap", "model", "y");
    Object[] c = new Object[s.fields().size()];
    c[0] = 3L; // no device at all: its region is null
    List<Record> rows = new ArrayList<>(List.of(GenericRecord.of(s, a), GenericRecord.of(s, b),
        GenericRecord.of(s, c)));
    rows.sort(SortOrder.parse("device.region desc", s).comparator(s));
    assertThat(rows.stream().map(r -> r.get("id")).toList()).containsExactly(1L, 2L, 3L);
  }
}
