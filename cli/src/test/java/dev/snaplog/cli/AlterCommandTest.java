package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** create --partition-by, alter (schema and partitioning), describe's history; in-process. */
class AlterCommandTest extends CliTestBase {
  private void partitionedTable() throws IOException {
    ok("ns", "create", "db");
    ok("create", "db.events", "--schema", "id long not null, ts timestamptz, n int, msg string",
        "--partition-by", "day(ts), bucket(16, id)");
    ok("append", "db.events", write("one.csv", "id,ts,n,msg\n1,2026-01-01T10:00:00Z,1,a\n"
        + "2,2026-01-02T10:00:00Z,2,b\n3,2026-01-02T11:00:00Z,3,c\n").toString());
  }

  @Test
  void createWithPartitionByWritesOneFilePerPartitionUnderItsPath() throws IOException {
    partitionedTable();
    JsonNode d = json("describe", "db.events");
    assertThat(d.get("partition-by").asText()).isEqualTo("day(ts), bucket(16, id)");
    List<Path> files = dataFiles("db", "events");
    assertThat(files).hasSize(3).allSatisfy(p -> assertThat(p.toString()).contains("/data/ts_day=2026-01-0")
        .contains("/id_bucket="));
    assertThat(json("scan", "db.events", "--where", "ts >= '2026-01-02T00:00:00Z'")).hasSize(2);
  }

  @Test
  void alterAddsRenamesWidensAndDropsColumnsOneVersionEach() throws IOException {
    partitionedTable();
    long v = version("db.events");
    JsonNode added = json("alter", "db.events", "add", "column", "region", "string", "not", "null", "default",
        "'eu'");
    assertThat(added.get("version").asLong()).isEqualTo(v + 1);
    assertThat(added.get("schema").asText()).contains("region string not null");
    ok("alter", "db.events", "rename", "column", "msg", "to", "message");
    ok("alter", "db.events", "alter", "column", "n", "type", "long");
    ok("alter", "db.events", "drop", "column", "message");
    ok("alter", "db.events", "add", "column", "score", "double");
    ok("alter", "db.events", "--", "add", "column", "delta", "int", "not", "null", "default", "-1");
    assertThat(version("db.events")).isEqualTo(v + 6);
    JsonNode rows = json("scan", "db.events", "--where", "id = 1");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("region").asText()).isEqualTo("eu");
    assertThat(rows.get(0).get("n").asLong()).isEqualTo(1);
    assertThat(rows.get(0).has("message")).isFalse();
    assertThat(rows.get(0).get("delta").asInt()).isEqualTo(-1);

    JsonNode d = json("describe", "db.events");
    assertThat(d.get("schema-id").asInt()).isEqualTo(6);
    assertThat(d.get("schemas")).hasSize(7);
    assertThat(d.get("schemas").get(0).get("columns").asText()).contains("msg string");
    assertThat(run("describe", "db.events").stdout()).contains("schemas:").contains("partition-specs:");
  }

  @Test
  void partitionByChangesTheSpecForNewDataOnly() throws IOException {
    partitionedTable();
    JsonNode r = json("alter", "db.events", "partition", "by", "month(ts)");
    assertThat(r.get("spec-id").asInt()).isEqualTo(1);
    assertThat(r.get("partition-by").asText()).isEqualTo("month(ts)");
    ok("append", "db.events", write("two.csv", "id,ts,n,msg\n4,2026-01-03T10:00:00Z,4,d\n").toString());
    assertThat(dataFiles("db", "events")).filteredOn(p -> p.toString().contains("/ts_month=")).hasSize(1);
    assertThat(json("scan", "db.events")).hasSize(4);
    JsonNode specs = json("describe", "db.events").get("partition-specs");
    assertThat(specs).hasSize(2);
    assertThat(specs.get(0).get("partition-by").asText()).isEqualTo("day(ts), bucket(16, id)");
    assertThat(json("alter", "db.events", "partition", "by", "none").get("partition-by").asText()).isEmpty();
  }

  @Test
  void badChangesExitNonZeroWithTheTableUnchanged() throws IOException {
    partitionedTable();
    long v = version("db.events");
    assertThat(fails(4, "alter", "db.events", "drop", "column", "ts").stderr()).contains("ts");
    assertThat(fails(4, "alter", "db.events", "alter", "column", "msg", "type", "int").stderr()).contains("msg");
    assertThat(fails(4, "alter", "db.events", "add", "column", "x", "int", "not", "null", "default", "abc")
        .stderr()).contains("abc");
    assertThat(fails(4, "alter", "db.events", "rename", "column", "msg", "to", "id").stderr()).contains("id");
    assertThat(fails(4, "alter", "db.events", "partition", "by", "week(ts)").stderr()).contains("week");
    assertThat(fails(4, "alter", "db.events", "frobnicate", "column", "x").stderr()).contains("add column");
    assertThat(fails(3, "alter", "db.nope", "drop", "column", "x").stderr()).contains("db.nope");
    assertThat(fails(4, "create", "db.other", "--schema", "id long", "--partition-by", "day(id)").stderr())
        .contains("day");
    assertThat(version("db.events")).isEqualTo(v);
    assertThat(json("tables", "db")).hasSize(1);
  }
}
