package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** branch, append --branch, reads of a branch, fast-forward and unbranch, in-process. */
class BranchTest extends CliTestBase {
  private long first;

  @BeforeEach
  void table() throws IOException {
    createEventsTable();
    first = json("log", "db.events").get(0).get("snapshot-id").asLong();
  }

  @Test
  void mainIsUnchangedUntilFastForward() throws IOException {
    JsonNode branch = json("branch", "db.events", "dev");
    assertThat(branch.fieldNames()).toIterable().containsExactly("table", "branch", "snapshot-id", "version");
    assertThat(branch.get("snapshot-id").asLong()).isEqualTo(first);
    assertThat(json("describe", "db.events").get("branches").get("dev").asLong()).isEqualTo(first);

    JsonNode append = json("append", "db.events", write("dev.csv", "id,msg\n40,dev-a\n41,dev-b\n").toString(),
        "--branch", "dev");
    assertThat(append.get("branch").asText()).isEqualTo("dev");
    assertThat(append.get("total-records").asLong()).isEqualTo(5);
    long head = append.get("snapshot-id").asLong();

    // main: still the first snapshot and its three rows
    assertThat(json("describe", "db.events").get("current-snapshot-id").asLong()).isEqualTo(first);
    assertThat(json("describe", "db.events").get("branches").get("dev").asLong()).isEqualTo(head);
    assertThat(json("scan", "db.events")).hasSize(3);
    assertThat(ok("scan", "db.events", "--select", "msg").stdout()).doesNotContain("dev-a");
    // the branch: its rows
    JsonNode rows = json("scan", "db.events", "--branch", "dev", "--where", "id >= 40");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("msg").asText()).isEqualTo("dev-a");
    assertThat(json("scan", "db.events", "--branch", "dev")).hasSize(5);
    assertThat(json("scan", "db.events", "--branch", "main")).hasSize(3);
    assertThat(json("show", "db.events", "--branch", "dev").get("snapshot-id").asLong()).isEqualTo(head);
    JsonNode diff = json("diff", "db.events", "main", "dev");
    assertThat(diff.get("from-snapshot-id").asLong()).isEqualTo(first);
    assertThat(diff.get("to-snapshot-id").asLong()).isEqualTo(head);
    assertThat(diff.get("rows-added").asLong()).isEqualTo(2);
    assertThat(diff.get("files-removed").asLong()).isZero();

    JsonNode ff = json("fast-forward", "db.events", "dev");
    assertThat(ff.get("branch").asText()).isEqualTo("dev");
    assertThat(ff.get("previous-snapshot-id").asLong()).isEqualTo(first);
    assertThat(ff.get("snapshot-id").asLong()).isEqualTo(head);
    assertThat(json("describe", "db.events").get("current-snapshot-id").asLong()).isEqualTo(head);
    assertThat(json("scan", "db.events")).hasSize(5);

    assertThat(ok("unbranch", "db.events", "dev").stdout()).contains("Removed branch 'dev'");
    assertThat(json("describe", "db.events").get("branches")).isEmpty();
    assertThat(json("scan", "db.events")).hasSize(5);
    ok("verify", "db.events");
  }

  @Test
  void textOutputAndBranchAtAnOlderSnapshot() throws IOException {
    ok("append", "db.events", write("more.csv", "id\n7\n").toString());
    assertThat(ok("branch", "db.events", "old", "--snapshot", String.valueOf(first)).stdout())
        .isEqualTo("Created branch 'old' of db.events at snapshot " + first + System.lineSeparator());
    assertThat(json("scan", "db.events", "--branch", "old")).hasSize(3);
    assertThat(ok("describe", "db.events").stdout()).contains("branches:", "old=" + first);
    assertThat(ok("append", "db.events", write("b.csv", "id\n8\n").toString(), "--branch", "old").stdout())
        .contains("to db.events branch 'old'");
  }

  @Test
  void fastForwardIsRefusedOnceMainMovedOn() throws IOException {
    ok("branch", "db.events", "dev");
    ok("append", "db.events", write("dev.csv", "id\n40\n").toString(), "--branch", "dev");
    ok("append", "db.events", write("main.csv", "id\n50\n").toString());
    long version = version("db.events");
    long main = json("describe", "db.events").get("current-snapshot-id").asLong();

    CliResult r = fails(ExitCodes.INVALID, "fast-forward", "db.events", "dev");
    assertThat(r.stderr()).contains("cannot fast-forward main to branch 'dev'", "not an ancestor");
    assertThat(version("db.events")).isEqualTo(version);
    assertThat(json("describe", "db.events").get("current-snapshot-id").asLong()).isEqualTo(main);
    assertThat(json("scan", "db.events", "--where", "id = 40")).isEmpty();
  }

  @Test
  void unknownBranchIsNotFoundEverywhere() throws IOException {
    long version = version("db.events");
    int before = dataFiles("db", "events").size();
    assertThat(fails(ExitCodes.NOT_FOUND, "scan", "db.events", "--branch", "nope").stderr())
        .contains("no branch 'nope'");
    fails(ExitCodes.NOT_FOUND, "show", "db.events", "--branch", "nope");
    assertThat(fails(ExitCodes.NOT_FOUND, "append", "db.events", write("x.csv", "id\n1\n").toString(), "--branch",
        "nope").stderr()).contains("no branch 'nope'", "snaplog branch");
    assertThat(fails(ExitCodes.NOT_FOUND, "fast-forward", "db.events", "nope").stderr())
        .contains("no branch 'nope'");
    fails(ExitCodes.NOT_FOUND, "unbranch", "db.events", "nope");
    fails(ExitCodes.INVALID, "diff", "db.events", "main", "nope");
    fails(ExitCodes.INVALID, "fast-forward", "db.events", "main");
    fails(ExitCodes.INVALID, "branch", "db.events", "main");
    ok("branch", "db.events", "dev");
    assertThat(fails(ExitCodes.INVALID, "branch", "db.events", "dev").stderr()).contains("already has branch");
    fails(ExitCodes.NOT_FOUND, "branch", "db.events", "other", "--snapshot", "12345");
    fails(ExitCodes.USAGE, "scan", "db.events", "--branch", "dev", "--tag", "x");
    assertThat(version("db.events")).isEqualTo(version + 1);
    assertThat(dataFiles("db", "events")).hasSize(before);
  }
}
