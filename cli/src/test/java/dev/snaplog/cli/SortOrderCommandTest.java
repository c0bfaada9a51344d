package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** create --sort-by, alter ... sort by / unsorted, and describe's sort orders; in-process. */
class SortOrderCommandTest extends CliTestBase {
  private String shuffledCsv(String name, int from, int to) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int id = from; id < to; id++) {
      lines.add(id + ",2026-01-0" + (1 + id % 3) + "T10:00:00Z," + (id % 4 == 0 ? "" : "m" + id));
    }
    Collections.shuffle(lines, new Random(from));
    return write(name, "id,ts,msg\n" + String.join("\n", lines) + "\n").toString();
  }

  private static List<Long> ids(JsonNode rows) {
    List<Long> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.get("id").asLong()));
    return out;
  }

  @Test
  void alterSortByMakesAppendsWriteSortedFilesAndDescribeShowsTheOrder() throws IOException {
    ok("ns", "create", "db");
    ok("create", "db.events", "--schema", "id long not null, ts timestamptz, msg string");
    long v = version("db.events");
    JsonNode r = json("alter", "db.events", "sort", "by", "id desc");
    assertThat(r.get("version").asLong()).isEqualTo(v + 1);
    assertThat(r.get("sort-by").asText()).isEqualTo("id desc");
    assertThat(r.get("sort-order-id").asInt()).isEqualTo(1);

    ok("append", "db.events", shuffledCsv("a.csv", 0, 50));
    List<Long> scanned = ids(json("scan", "db.events")); // one file, read in file order
    List<Long> want = new ArrayList<>();
    for (long id = 49; id >= 0; id--) {
      want.add(id);
    }
    assertThat(scanned).isEqualTo(want);

    JsonNode d = json("describe", "db.events");
    assertThat(d.get("sort-by").asText()).isEqualTo("id desc");
    assertThat(d.get("sort-order-id").asInt()).isEqualTo(1);
    assertThat(run("describe", "db.events").stdout()).contains("sort-by:").contains("id desc")
        .contains("sort-orders:");

    JsonNode u = json("alter", "db.events", "unsorted");
    assertThat(u.get("sort-by").asText()).isEmpty();
    assertThat(u.get("sort-order-id").asInt()).isZero();
    JsonNode orders = json("describe", "db.events").get("sort-orders");
    assertThat(orders).hasSize(2);
    assertThat(orders.get(0).get("sort-by").asText()).isEqualTo("(none)");
    assertThat(orders.get(0).get("current").asBoolean()).isTrue();
    assertThat(orders.get(1).get("sort-by").asText()).isEqualTo("id desc");
  }

  @Test
  void createWithSortByAndRefusedOrdersLeaveTheTableAsItWas() throws IOException {
    ok("ns", "create", "db");
    JsonNode c = json("create", "db.events", "--schema", "id long not null, ts timestamptz, msg string,"
        + " tags list<string>", "--partition-by", "day(ts)", "--sort-by", "msg asc nulls last, id");
    assertThat(c.get("sort-by").asText()).isEqualTo("msg asc nulls last, id");
    ok("append", "db.events", write("b.csv", "id,ts,msg,tags\n3,2026-01-01T10:00:00Z,,\n"
        + "1,2026-01-01T11:00:00Z,b,\n2,2026-01-01T12:00:00Z,a,\n").toString());
    assertThat(ids(json("scan", "db.events"))).containsExactly(2L, 1L, 3L);

    long v = version("db.events");
    assertThat(fails(4, "alter", "db.events", "sort", "by", "nope").stderr()).contains("unknown column 'nope'");
    assertThat(fails(4, "alter", "db.events", "sort", "by", "tags").stderr()).contains("'tags' is a list");
    assertThat(fails(4, "alter", "db.events", "sort", "by", "id sideways").stderr()).contains("sideways");
    assertThat(fails(4, "alter", "db.events", "sort", "by").stderr()).contains("unsorted");
    assertThat(fails(4, "alter", "db.events", "drop", "column", "msg").stderr()).contains("sort order");
    assertThat(fails(4, "create", "db.other", "--schema", "id long", "--sort-by", "x").stderr())
        .contains("unknown column 'x'");
    assertThat(version("db.events")).isEqualTo(v);
    assertThat(json("describe", "db.events").get("sort-by").asText()).isEqualTo("msg asc nulls last, id");
    assertThat(json("tables", "db")).hasSize(1);
  }
}
