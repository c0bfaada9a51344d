package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path through the tool, as one scenario: create, three appends, log, time travel to between the
 * first two commits, rollback, tag, read by tag. Subclasses choose how the command runs (child JVM, the real
 * launcher) and where the warehouse is.
 */
abstract class CliFlowContract {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  abstract CliRunner runner();

  /** Environment that selects the warehouse. */
  abstract Map<String, String> env();

  /** Global options put before every command (S3 settings). */
  List<String> globalArgs() {
    return List.of();
  }

  CliResult run(String... args) {
    List<String> all = new ArrayList<>(globalArgs());
    all.addAll(List.of(args));
    return runner().run(env(), all.toArray(String[]::new));
  }

  CliResult ok(String... args) {
    CliResult r = run(args);
    assertThat(r.exitCode()).as("snaplog %s\n%s", String.join(" ", args), r).isZero();
    assertThat(r.stderr()).as("stderr of snaplog %s", String.join(" ", args)).isEmpty();
    return r;
  }

  @Test
  void createAppendLogTimeTravelRollbackTag() throws IOException {
    Path b1 = write("batch1.csv", "id,ts,msg\n1,2026-01-01T00:00:00Z,one\n2,2026-01-01T01:00:00Z,two\n"
        + "3,2026-01-01T02:00:00Z,\"three, with comma\"\n");
    Path b2 = write("batch2.jsonl", "{\"id\":4,\"ts\":\"2026-01-02T00:00:00Z\",\"msg\":\"four\"}\n"
        + "{\"id\":5,\"msg\":null}\n");
    Path b3 = write("batch3.csv", "msg,id\nsix,6\nseven,7\n");

    assertThat(ok("ns", "create", "db").stdout()).contains("Created namespace db");
    assertThat(ok("create", "db.events", "--schema", "id long not null, ts timestamptz, msg string").stdout())
        .contains("Created table db.events");
    assertThat(ok("append", "db.events", b1.toString()).stdout()).startsWith("Appended 3 rows from 1 file");
    assertThat(ok("append", "db.events", b2.toString()).stdout()).startsWith("Appended 2 rows");
    assertThat(ok("append", "db.events", b3.toString()).stdout()).startsWith("Appended 2 rows");

    CliResult log = ok("log", "db.events");
    assertThat(log.stdoutLines()).hasSize(2 + 3);
    assertThat(log.stdoutLines().get(0)).startsWith("version").contains("snapshot-id", "operation");
    JsonNode versions = JSON.readTree(ok("log", "db.events", "--format", "json").stdout());
    assertThat(versions).hasSize(3);
    JsonNode v1 = versions.get(2);
    JsonNode v2 = versions.get(1);
    assertThat(v1.get("version").asLong()).isEqualTo(1);
    long t1 = v1.get("timestamp-ms").asLong();
    long t2 = v2.get("timestamp-ms").asLong();
    String between = Instant.ofEpochMilli(t1 + (t2 - t1) / 2).toString();

    assertThat(ids(ok("scan", "db.events", "--as-of", between, "--format", "csv"))).containsExactly(1L, 2L, 3L);
    assertThat(ids(ok("scan", "db.events", "--format", "csv"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);

    long s1 = v1.get("snapshot-id").asLong();
    long s3 = versions.get(0).get("snapshot-id").asLong();
    assertThat(ok("rollback", "db.events", "--to", String.valueOf(s1)).stdout())
        .startsWith("Rolled back db.events to snapshot " + s1);
    CliResult rolledBack = ok("scan", "db.events");
    assertThat(rolledBack.stdout()).contains("three, with comma").doesNotContain("four");
    assertThat(ids(ok("scan", "db.events", "--format", "csv"))).containsExactly(1L, 2L, 3L);

    assertThat(ok("tag", "db.events", "full", "--snapshot", String.valueOf(s3)).stdout())
        .contains("Tagged snapshot " + s3);
    assertThat(ids(ok("scan", "db.events", "--tag", "full", "--format", "csv")))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(ok("scan", "db.events", "--tag", "full", "--where", "msg = 'six' or id in (1, 5)", "--select",
        "id", "--format", "csv").stdoutLines()).containsExactly("id", "1", "5", "6");

    CliResult missing = run("scan", "db.events", "--tag", "nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.stderrLines()).hasSize(1).first().asString().contains("no tag 'nope'");
  }

  static List<Long> ids(CliResult csv) {
    List<String> lines = csv.stdoutLines();
    assertThat(lines.get(0)).startsWith("id,");
    List<Long> ids = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      ids.add(Long.parseLong(line.substring(0, line.indexOf(','))));
    }
    return ids;
  }

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }
}
