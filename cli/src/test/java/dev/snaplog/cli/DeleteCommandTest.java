package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** delete: dry run, the commit, a filter matching nothing, bad filters; in-process. */
class DeleteCommandTest extends CliTestBase {
  @BeforeEach
  void table() throws IOException {
    createEventsTable();
  }

  @Test
  void deletesTheMatchingRowsInOneCommitAfterADryRunThatChangesNothing() throws IOException {
    long version = json("describe", "db.events").get("version").asLong();
    JsonNode dry = json("delete", "db.events", "--where", "id = 2", "--dry-run");
    assertThat(dry.get("removed-records").asLong()).isEqualTo(1);
    assertThat(dry.get("dry-run").asBoolean()).isTrue();
    assertThat(json("describe", "db.events").get("version").asLong()).isEqualTo(version);
    assertThat(json("scan", "db.events")).hasSize(3);

    JsonNode done = json("delete", "db.events", "--where", "id = 2");
    assertThat(done.get("removed-records").asLong()).isEqualTo(1);
    assertThat(done.get("total-records").asLong()).isEqualTo(2);
    assertThat(done.get("version").asLong()).isEqualTo(version + 1);
    JsonNode rows = json("scan", "db.events");
    assertThat(rows).hasSize(2);
    assertThat(rows.findValuesAsText("id")).doesNotContain("2");
    ok("verify", "db.events", "--deep");

    JsonNode none = json("delete", "db.events", "--where", "id = 99");
    assertThat(none.get("removed-records").asLong()).isZero();
    assertThat(none.get("version").asLong()).as("nothing matched: nothing committed").isEqualTo(version + 1);
  }

  @Test
  void aFilterOnAnUnknownColumnOrAMissingFilterIsRefusedWithTheTableUnchanged() throws IOException {
    long version = json("describe", "db.events").get("version").asLong();
    assertThat(fails(4, "delete", "db.events", "--where", "nope = 1").stderr()).contains("nope");
    assertThat(run("delete", "db.events").exitCode()).isEqualTo(2);
    assertThat(json("describe", "db.events").get("version").asLong()).isEqualTo(version);
    assertThat(json("scan", "db.events")).hasSize(3);
  }
}
