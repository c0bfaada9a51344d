package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every read command's --format json parses, with the shape docs/cli.md documents. */
class JsonOutputTest extends CliTestBase {
  private long first;
  private long second;

  @BeforeEach
  void table() throws IOException {
    createEventsTable();
    ok("append", "db.events", write("two.jsonl", "{\"id\":4,\"msg\":\"d\"}\n").toString());
    JsonNode log = json("log", "db.events");
    first = log.get(1).get("snapshot-id").asLong();
    second = log.get(0).get("snapshot-id").asLong();
    ok("tag", "db.events", "v1", "--snapshot", String.valueOf(first));
  }

  @Override
  JsonNode json(String... args) throws IOException {
    String[] withFormat = new String[args.length + 2];
    System.arraycopy(args, 0, withFormat, 0, args.length);
    withFormat[args.length] = "--format";
    withFormat[args.length + 1] = "json";
    CliResult r = ok(withFormat);
    assertThat(r.stderr()).isEmpty();
    return CliFlowContract.JSON.readTree(r.stdout());
  }

  @Test
  void listsAreArraysOfObjects() throws IOException {
    assertThat(json("ns", "list").get(0).get("namespace").asText()).isEqualTo("db");
    JsonNode tables = json("tables");
    assertThat(tables.get(0).get("table").asText()).isEqualTo("db.events");
    assertThat(tables.get(0).get("records").asLong()).isEqualTo(4);

    JsonNode log = json("log", "db.events", "--limit", "1");
    assertThat(log).hasSize(1);
    assertThat(log.get(0).fieldNames()).toIterable().containsExactly("version", "snapshot-id", "parent-id",
        "timestamp-ms", "time", "operation", "added-records", "total-records", "summary");
    assertThat(log.get(0).get("summary").isObject()).isTrue();

    JsonNode rows = json("scan", "db.events", "--where", "id <= 3");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).get("id").isIntegralNumber()).isTrue();
    assertThat(rows.get(0).get("ts").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(rows.get(2).get("msg").isNull()).isTrue();
    assertThat(json("scan", "db.events", "--limit", "0")).isEmpty();
  }

  @Test
  void documentsAreObjects() throws IOException {
    JsonNode describe = json("describe", "db.events");
    assertThat(describe.get("table").asText()).isEqualTo("db.events");
    assertThat(describe.get("columns").get(0).get("name").asText()).isEqualTo("id");
    assertThat(describe.get("columns").get(0).get("required").asBoolean()).isTrue();
    assertThat(describe.get("tags").get("v1").asLong()).isEqualTo(first);
    assertThat(describe.get("branches").isObject()).isTrue();
    assertThat(describe.get("branches")).isEmpty();

    JsonNode show = json("show", "db.events", "--tag", "v1");
    assertThat(show.get("snapshot-id").asLong()).isEqualTo(first);
    JsonNode file = show.get("files").get(0);
    assertThat(file.get("records").asLong()).isEqualTo(3);
    assertThat(file.get("columns").get("id").get("min").asLong()).isEqualTo(1);
    assertThat(file.get("columns").get("id").get("max").asLong()).isEqualTo(3);
    assertThat(file.get("columns").get("ts").get("nulls").asLong()).isEqualTo(1);

    JsonNode diff = json("diff", "db.events", "v1", String.valueOf(second));
    assertThat(diff.get("files-added").asLong()).isEqualTo(1);
    assertThat(diff.get("rows-added").asLong()).isEqualTo(1);
    assertThat(diff.get("rows-removed").asLong()).isZero();
    assertThat(diff.get("files").get(0).get("change").asText()).isEqualTo("added");
    assertThat(diff.fieldNames()).toIterable().containsExactly("table", "from-snapshot-id", "to-snapshot-id",
        "files-added", "rows-added", "files-removed", "rows-removed", "files");
    assertThat(diff.get("files").get(0).fieldNames()).toIterable().containsExactly("change", "path", "records",
        "bytes");
    JsonNode back = json("diff", "db.events", String.valueOf(second), "v1");
    assertThat(back.get("files-removed").asLong()).isEqualTo(1);
    assertThat(back.get("rows-removed").asLong()).isEqualTo(1);
    assertThat(back.get("files-added").asLong()).isZero();
    assertThat(back.get("files").get(0).get("change").asText()).isEqualTo("removed");

    JsonNode doctor = json("doctor", "--rounds", "2", "--threads", "4");
    assertThat(doctor.get("safe").asBoolean()).isTrue();
    assertThat(doctor.get("checks")).hasSize(4);
    assertThat(warehouse().resolve("_snaplog_doctor")).doesNotExist();
  }

  @Test
  void changesReportWhatTheyDid() throws IOException {
    JsonNode append = json("append", "db.events", write("x.csv", "id\n9\n").toString(), "--commit-token",
        "loader:1");
    assertThat(append.get("added-records").asLong()).isEqualTo(1);
    assertThat(append.get("duplicate").asBoolean()).isFalse();
    long version = append.get("version").asLong();
    JsonNode again = json("append", "db.events", write("y.csv", "id\n10\n").toString(), "--commit-token",
        "loader:1");
    assertThat(again.get("duplicate").asBoolean()).isTrue();
    assertThat(version("db.events")).isEqualTo(version);

    JsonNode rollback = json("rollback", "db.events", "--to", String.valueOf(first));
    assertThat(rollback.get("snapshot-id").asLong()).isEqualTo(first);
    assertThat(json("untag", "db.events", "v1").get("removed").asBoolean()).isTrue();
  }

  @Test
  void csvHasAHeaderRow() {
    assertThat(ok("log", "db.events", "--format", "csv").stdoutLines().get(0))
        .isEqualTo("version,snapshot-id,parent-id,timestamp-ms,time,operation,added-records,total-records,summary");
    assertThat(ok("describe", "db.events", "--format", "csv").stdoutLines())
        .containsExactly("id,name,type,required", "1,id,long,true", "2,ts,timestamptz,false", "3,msg,string,false");
  }
}
