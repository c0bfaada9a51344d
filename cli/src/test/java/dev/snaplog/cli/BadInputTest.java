package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each bad input: one line on stderr, the documented exit code, and nothing committed. */
class BadInputTest extends CliTestBase {
  @BeforeEach
  void table() throws IOException {
    createEventsTable();
  }

  @Test
  void unknownTable() {
    assertThat(fails(ExitCodes.NOT_FOUND, "scan", "db.nope").stderr()).contains("db.nope", "does not exist");
    fails(ExitCodes.NOT_FOUND, "log", "nope.events");
    fails(ExitCodes.INVALID, "describe", "unqualified");
  }

  @Test
  void malformedSchema() {
    assertThat(fails(ExitCodes.INVALID, "create", "db.bad", "--schema", "id lng, msg string").stderr())
        .contains("Column 'id'", "Unknown type 'lng'");
    fails(ExitCodes.INVALID, "create", "db.bad", "--schema", "id long,, msg string");
    assertThat(ok("tables", "db").stdout()).doesNotContain("db.bad");
  }

  @Test
  void csvValueOfWrongTypeNamesFileLineAndColumn() throws IOException {
    long before = version("db.events");
    List<Path> filesBefore = dataFiles("db", "events");
    Path good = write("good.csv", "id,msg\n10,fine\n");
    Path bad = write("bad.csv", "id,ts,msg\n4,2026-01-03T00:00:00Z,x\n5,not-a-time,y\n");
    CliResult r = fails(ExitCodes.INVALID, "append", "db.events", good.toString(), bad.toString());
    assertThat(r.stderr()).contains(bad + ":3:3:", "column 'ts'", "not-a-time");
    assertThat(version("db.events")).isEqualTo(before);
    assertThat(dataFiles("db", "events")).containsExactlyInAnyOrderElementsOf(filesBefore);

    Path notLong = write("notlong.csv", "msg,id\nhello,12x\n");
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", notLong.toString()).stderr())
        .contains(notLong + ":2:7:", "column 'id'");
    Path missingRequired = write("noid.csv", "id,msg\n,hello\n");
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", missingRequired.toString()).stderr())
        .contains(":2:1:", "required");
    Path badJson = write("bad.jsonl", "{\"id\":1}\n{\"id\":\"two\"}\n");
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", badJson.toString()).stderr())
        .contains(badJson + ":2:7:", "column 'id'");
    Path bareNumber = write("number.jsonl", "{\"id\":1}\n42\n");
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", bareNumber.toString()).stderr())
        .contains(bareNumber + ":2:1:", "expected a JSON object per line, found a number");
    assertThat(version("db.events")).isEqualTo(before);
  }

  @Test
  void unparseableTimeAndTimeBeforeTheTable() throws IOException {
    long before = version("db.events");
    assertThat(fails(ExitCodes.INVALID, "scan", "db.events", "--as-of", "yesterday").stderr())
        .contains("Cannot read time 'yesterday'");
    assertThat(fails(ExitCodes.NOT_FOUND, "scan", "db.events", "--as-of", "2000-01-01T00:00:00Z").stderr())
        .contains("did not exist yet");
    fails(ExitCodes.INVALID, "rollback", "db.events", "--as-of", "soon");
    fails(ExitCodes.NOT_FOUND, "rollback", "db.events", "--as-of", "2000-01-01");
    assertThat(version("db.events")).isEqualTo(before);
  }

  @Test
  void missingInputFile() throws IOException {
    long before = version("db.events");
    CliResult r = fails(ExitCodes.NOT_FOUND, "append", "db.events", tmp.resolve("nope.csv").toString());
    assertThat(r.stderr()).contains("nope.csv", "does not exist");
    assertThat(version("db.events")).isEqualTo(before);
  }

  @Test
  void warehouseThatDoesNotExistIsNotCreated() {
    Path missing = tmp.resolve("no-such-warehouse");
    CliResult r = CliRunner.inProcess().run(Map.of(), "--warehouse", missing.toString(), "tables");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.stderrLines()).hasSize(1).first().asString().contains("does not exist");
    CliResult create = CliRunner.inProcess().run(Map.of(), "-w", missing.toString(), "create", "db.t", "--schema",
        "id long");
    assertThat(create.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing).doesNotExist();
  }

  @Test
  void warehouseThatIsAFile() throws IOException {
    Path file = write("plain-file", "not a warehouse");
    CliResult r = CliRunner.inProcess().run(Map.of(), "-w", file.toString(), "ns", "create", "db");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.STORAGE);
    assertThat(r.stderrLines()).hasSize(1).first().asString().contains("is a file, not a directory");
  }

  @Test
  void warehouseThatIsNotWritable() throws IOException {
    // root ignores permissions, so only a non-root user can observe this
    assumeTrue(!"root".equals(System.getProperty("user.name")), "running as root");
    long before = version("db.events");
    Path csv = write("more.csv", "id\n42\n");
    Files.setPosixFilePermissions(warehouse(), PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      CliResult r = fails(ExitCodes.STORAGE, "append", "db.events", csv.toString());
      assertThat(r.stderr()).contains("not writable");
    } finally {
      Files.setPosixFilePermissions(warehouse(), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertThat(version("db.events")).isEqualTo(before);
  }

  @Test
  void usageErrorsAndBadFilters() {
    fails(ExitCodes.USAGE, "scan");
    fails(ExitCodes.USAGE, "scan", "db.events", "--no-such-option");
    fails(ExitCodes.USAGE, "scan", "db.events", "--snapshot", "1", "--tag", "x");
    assertThat(fails(ExitCodes.INVALID, "scan", "db.events", "--where", "id >").stderr())
        .contains("expected a value", "column 5");
    assertThat(fails(ExitCodes.INVALID, "scan", "db.events", "--where", "nope = 1").stderr())
        .contains("Unknown column 'nope'");
    fails(ExitCodes.INVALID, "scan", "db.events", "--where", "ts > 5");
  }

  @Test
  void maintenanceCommandsRejectBadInputBeforeChangingAnything() throws IOException {
    long before = version("db.events");
    List<Path> filesBefore = dataFiles("db", "events");
    assertThat(fails(ExitCodes.INVALID, "expire", "db.events", "--older-than", "yesterday").stderr())
        .contains("Cannot read time 'yesterday'");
    assertThat(fails(ExitCodes.INVALID, "expire", "db.events", "--retain-last", "0").stderr())
        .contains("--retain-last");
    fails(ExitCodes.USAGE, "expire", "db.events", "--retain-last", "many");
    fails(ExitCodes.INVALID, "orphans", "db.events", "--older-than", "soon");
    fails(ExitCodes.NOT_FOUND, "expire", "db.nope");
    fails(ExitCodes.NOT_FOUND, "orphans", "db.nope", "--dry-run");
    fails(ExitCodes.NOT_FOUND, "verify", "db.nope");
    fails(ExitCodes.USAGE, "verify");
    assertThat(version("db.events")).isEqualTo(before);
    assertThat(dataFiles("db", "events")).containsExactlyInAnyOrderElementsOf(filesBefore);
  }

  @Test
  void stackTraceOnlyWithVerbose() {
    CliResult r = run("-v", "scan", "db.nope");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.stderr()).contains("NoSuchTableException", "\tat ");
  }
}
