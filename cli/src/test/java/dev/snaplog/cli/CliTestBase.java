package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** In-process runs against a temp warehouse holding db.events with three rows. */
abstract class CliTestBase {
  @TempDir
  Path tmp;

  Path warehouse() {
    return tmp.resolve("warehouse");
  }

  Map<String, String> env() {
    return Map.of("SNAPLOG_WAREHOUSE", warehouse().toString());
  }

  CliResult run(String... args) {
    return CliRunner.inProcess().run(env(), args);
  }

  CliResult ok(String... args) {
    CliResult r = run(args);
    assertThat(r.exitCode()).as("snaplog %s\n%s", String.join(" ", args), r).isZero();
    return r;
  }

  /** Runs a command that must succeed with {@code --format json} and returns its parsed output. */
  JsonNode json(String... args) throws IOException {
    String[] withFormat = new String[args.length + 2];
    System.arraycopy(args, 0, withFormat, 0, args.length);
    withFormat[args.length] = "--format";
    withFormat[args.length + 1] = "json";
    return CliFlowContract.JSON.readTree(ok(withFormat).stdout());
  }

  /** Runs a command that must fail: the exit code, and exactly one line on stderr. */
  CliResult fails(int exitCode, String... args) {
    CliResult r = run(args);
    assertThat(r.exitCode()).as("snaplog %s\n%s", String.join(" ", args), r).isEqualTo(exitCode);
    assertThat(r.stderrLines()).as("stderr of snaplog %s", String.join(" ", args)).hasSize(1);
    assertThat(r.stderr()).startsWith("error: ").doesNotContain("Exception:").doesNotContain("\tat ");
    return r;
  }

  void createEventsTable() throws IOException {
    ok("ns", "create", "db");
    ok("create", "db.events", "--schema", "id long not null, ts timestamptz, msg string");
    ok("append", "db.events", write("one.csv", "id,ts,msg\n1,2026-01-01T00:00:00Z,a\n2,2026-01-02T00:00:00Z,b\n"
        + "3,,\n").toString());
  }

  Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** The table's version, read through the CLI. */
  long version(String table) throws IOException {
    return CliFlowContract.JSON.readTree(ok("describe", table, "--format", "json").stdout()).get("version")
        .asLong();
  }

  /** Data files under the table: a failed import must not leave any behind. */
  List<Path> dataFiles(String ns, String table) throws IOException {
    Path dir = warehouse().resolve(ns).resolve(table).resolve("data");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var s = Files.walk(dir)) {
      return new ArrayList<>(s.filter(Files::isRegularFile).toList());
    }
  }
}
