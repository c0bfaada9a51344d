package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Names, keys, tokens and filters beyond their limits end in one clear line and exit 4, changing nothing. */
class InputLimitsTest extends CliTestBase {
  @Test
  void deepWhereFiltersAreRefusedWithAClearError() throws IOException {
    createEventsTable();
    String parens = "(".repeat(5000) + "id = 1" + ")".repeat(5000);
    assertThat(fails(ExitCodes.INVALID, "scan", "db.events", "--where", parens).stderr())
        .contains("nest more than 100 levels");
    String nots = "not ".repeat(50_000) + "id = 1";
    assertThat(fails(ExitCodes.INVALID, "scan", "db.events", "--where", nots).stderr())
        .contains("nest more than 100 levels");
    // the depths reported from the field stay usable
    ok("scan", "db.events", "--where", "(".repeat(40) + "id = 1" + ")".repeat(40));
    ok("scan", "db.events", "--where", "not ".repeat(10) + "id = 1");
    StringBuilder chain = new StringBuilder("id = 0");
    for (int i = 1; i < 20_000; i++) {
      chain.append(" or id = ").append(i);
    }
    assertThat(ok("scan", "db.events", "--where", chain.toString(), "--format", "csv").stdoutLines()).hasSize(4);
  }

  @Test
  void oversizedSetKeyAndTokenWriterAreRefusedBeforeAnythingIsWritten() throws IOException {
    createEventsTable();
    long version = version("db.events");
    var csv = write("more.csv", "id\n9\n").toString();
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", csv, "--set", "k".repeat(60_000) + "=v").stderr())
        .contains("limit is 255 bytes");
    assertThat(fails(ExitCodes.INVALID, "append", "db.events", csv, "--commit-token", "w".repeat(60_000) + ":1")
        .stderr()).contains("limit is 255 bytes");
    assertThat(version("db.events")).isEqualTo(version);
    ok("verify", "db.events");
  }

  @Test
  void tableNamesAreLimitedInBytes() {
    ok("ns", "create", "db");
    assertThat(fails(ExitCodes.INVALID, "create", "db." + "\u00e5".repeat(250), "--schema", "id long").stderr())
        .contains("500 bytes").contains("limit is 255 bytes");
    assertThat(fails(ExitCodes.INVALID, "create", "db.t", "--schema", "id long", "-p", "k=" + "v".repeat(9000))
        .stderr()).contains("limit is 8192 bytes");
  }
}
