package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Input that cannot be stored as written is refused (exit 4, one line naming the place and the option) and
 * commits nothing, unless {@code --allow-lossy} says to store it anyway.
 */
class LossyInputTest extends CliTestBase {
  @BeforeEach
  void table() {
    ok("ns", "create", "db");
    ok("create", "db.t", "--schema", "id long, d double, s string, ts timestamptz");
  }

  private void refused(Path file, String... expected) throws IOException {
    long version = version("db.t");
    CliResult r = fails(ExitCodes.INVALID, "append", "db.t", file.toString());
    assertThat(r.stderr()).contains(expected);
    assertThat(version("db.t")).isEqualTo(version);
    assertThat(dataFiles("db", "t")).isEmpty();
  }

  private String scanJson() {
    return ok("scan", "db.t", "--format", "json").stdout();
  }

  @Test
  void csvNumberBeyondDoubleRange() throws IOException {
    Path f = write("a.csv", "id,d\n1,1e400\n");
    refused(f, "a.csv:2:3: column 'd'", "too large for double", "allow lossy");
    ok("append", "db.t", f.toString(), "--allow-lossy");
    assertThat(scanJson()).contains("\"Infinity\"");
  }

  @Test
  void csvInvalidUtf8() throws IOException {
    Path f = tmp.resolve("b.csv");
    Files.write(f, new byte[] {'i', 'd', ',', 's', '\n', '1', ',', 'a', 'b', (byte) 0xff, 'c', '\n'});
    refused(f, "b.csv:2:5:", "not valid UTF-8", "--allow-lossy");
    ok("append", "db.t", f.toString(), "--allow-lossy");
    assertThat(scanJson()).contains("ab\uFFFDc");
  }

  @Test
  void jsonDuplicateKey() throws IOException {
    Path f = write("c.jsonl", "{\"id\":2,\"id\":3}\n");
    refused(f, "c.jsonl:1:9:", "key 'id' appears twice");
    ok("append", "db.t", f.toString(), "--allow-lossy");
    assertThat(scanJson()).contains("\"id\" : 3");
  }

  @Test
  void twoJsonObjectsOnOneLine() throws IOException {
    Path f = write("d.jsonl", "{\"id\":4}{\"id\":5}\n");
    refused(f, "d.jsonl:1:9:", "one object per line");
    fails(ExitCodes.INVALID, "append", "db.t", f.toString(), "--allow-lossy"); // not lossy: malformed
  }

  @Test
  void nanosecondTimestamp() throws IOException {
    Path f = write("e.csv", "id,ts\n1,2026-01-01T00:00:00.123456789Z\n");
    refused(f, "finer than microseconds");
    ok("append", "db.t", f.toString(), "--allow-lossy");
    assertThat(scanJson()).contains("2026-01-01T00:00:00.123456Z");
  }

  @Test
  void unpairedSurrogateInJsonEscape() throws IOException {
    Path f = write("g.jsonl", "{\"id\":6,\"s\":\"a\\ud800b\"}\n");
    refused(f, "unpaired UTF-16 surrogate");
    ok("append", "db.t", f.toString(), "--allow-lossy");
    assertThat(scanJson()).contains("a\uFFFDb");
  }
}
