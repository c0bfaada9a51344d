package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** upsert, overwrite and compact: dry runs, the commit, JSON shapes, bad input and exit codes; in-process. */
class ChangeCommandsTest extends CliTestBase {
  @BeforeEach
  void table() throws IOException {
    createEventsTable(); // ids 1 (a), 2 (b), 3 (null)
  }

  /** id to msg of the current rows; an id twice fails. */
  private Map<String, String> rows() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode r : json("scan", "db.events")) {
      assertThat(out.put(r.get("id").asText(), r.get("msg").isNull() ? null : r.get("msg").asText()))
          .as("id %s once", r.get("id")).isNull();
    }
    return out;
  }

  @Test
  void upsertReplacesRowsByKeyAfterADryRunThatWritesNothing() throws IOException {
    String batch = write("batch.csv", "id,msg\n2,b2\n4,d\n").toString();
    long version = version("db.events");
    int files = dataFiles("db", "events").size();
    JsonNode dry = json("upsert", "db.events", "--key", "id", batch, "--dry-run");
    assertThat(dry.get("added-records").asLong()).isEqualTo(2);
    assertThat(dry.get("removed-records").asLong()).isEqualTo(1);
    assertThat(dry.get("dry-run").asBoolean()).isTrue();
    assertThat(version("db.events")).isEqualTo(version);
    assertThat(dataFiles("db", "events")).hasSize(files);

    JsonNode done = json("upsert", "db.events", "--key", "id", batch, "--commit-token", "cdc:1");
    assertThat(done.get("version").asLong()).isEqualTo(version + 1);
    assertThat(done.get("added-records").asLong()).isEqualTo(2);
    assertThat(done.get("removed-records").asLong()).isEqualTo(1);
    assertThat(done.get("total-records").asLong()).isEqualTo(4);
    assertThat(done.get("duplicate").asBoolean()).isFalse();
    Map<String, String> want = new TreeMap<>();
    want.put("1", "a");
    want.put("2", "b2");
    want.put("3", null);
    want.put("4", "d");
    assertThat(rows()).isEqualTo(want);

    JsonNode again = json("upsert", "db.events", "--key", "id", batch, "--commit-token", "cdc:1");
    assertThat(again.get("duplicate").asBoolean()).isTrue();
    assertThat(again.get("matched-token").asText()).isEqualTo("cdc:1");
    assertThat(version("db.events")).isEqualTo(version + 1);
    ok("verify", "db.events", "--deep");
  }

  @Test
  void badUpsertsExitFourAndChangeNothing() throws IOException {
    long version = version("db.events");
    int files = dataFiles("db", "events").size();
    String dup = write("dup.csv", "id,msg\n5,x\n5,y\n").toString();
    assertThat(fails(4, "upsert", "db.events", "--key", "id", dup).stderr()).contains("id=5")
        .contains("more than once");
    String ok = write("ok.csv", "id,msg\n5,x\n").toString();
    assertThat(fails(4, "upsert", "db.events", "--key", "nope", ok).stderr()).contains("'nope'");
    assertThat(run("upsert", "db.events", ok).exitCode()).as("--key is required").isEqualTo(2);
    assertThat(fails(3, "upsert", "db.events", "--key", "id", tmp.resolve("missing.csv").toString()).stderr())
        .contains("missing.csv");
    assertThat(version("db.events")).isEqualTo(version);
    assertThat(dataFiles("db", "events")).hasSize(files);
  }

  @Test
  void overwriteReplacesTheMatchingRowsWithTheFilesRows() throws IOException {
    String fix = write("fix.csv", "id,msg\n20,x\n21,y\n").toString();
    long version = version("db.events");
    JsonNode dry = json("overwrite", "db.events", "--where", "id >= 2", fix, "--dry-run");
    assertThat(dry.get("removed-records").asLong()).isEqualTo(2);
    assertThat(dry.get("added-records").asLong()).isEqualTo(2);
    assertThat(version("db.events")).isEqualTo(version);

    JsonNode done = json("overwrite", "db.events", "--where", "id >= 2", fix);
    assertThat(done.get("version").asLong()).isEqualTo(version + 1);
    assertThat(done.get("removed-records").asLong()).isEqualTo(2);
    assertThat(done.get("total-records").asLong()).isEqualTo(3);
    assertThat(rows().keySet()).containsExactly("1", "20", "21");
    assertThat(fails(4, "overwrite", "db.events", "--where", "nope = 1", fix).stderr()).contains("nope");
    assertThat(version("db.events")).isEqualTo(version + 1);
  }

  @Test
  void compactFoldsSmallFilesAndDeletedRowsIntoOneFile() throws IOException {
    for (int i = 0; i < 4; i++) {
      ok("append", "db.events", write("more" + i + ".csv", "id,msg\n" + (10 + i) + ",m\n").toString());
    }
    ok("delete", "db.events", "--where", "id = 2");
    List<String> before = new ArrayList<>(rows().keySet());
    long version = version("db.events");
    JsonNode dry = json("compact", "db.events", "--dry-run");
    assertThat(dry.get("removed-files").asLong()).isEqualTo(5);
    assertThat(version("db.events")).isEqualTo(version);

    JsonNode done = json("compact", "db.events", "--target-size", "64MB");
    assertThat(done.get("version").asLong()).isEqualTo(version + 1);
    assertThat(done.get("removed-files").asLong()).isEqualTo(5);
    assertThat(done.get("added-files").asLong()).isEqualTo(1);
    assertThat(done.get("added-records").asLong()).isEqualTo(6);
    assertThat(done.get("total-records").asLong()).isEqualTo(6);
    assertThat(new ArrayList<>(rows().keySet())).isEqualTo(before);
    ok("verify", "db.events", "--deep");

    JsonNode nothing = json("compact", "db.events");
    assertThat(nothing.get("removed-files").asLong()).isZero();
    assertThat(nothing.get("version").asLong()).isEqualTo(version + 1);
    assertThat(fails(4, "compact", "db.events", "--target-size", "lots").stderr()).contains("lots");
  }
}
