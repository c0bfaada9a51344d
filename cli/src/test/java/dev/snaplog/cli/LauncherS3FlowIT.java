package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snaplog.s3.testing.S3TestServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow through bin/snaplog and the shaded jar against the S3 test server; doctor on S3. */
class LauncherS3FlowIT extends CliFlowContract {
  private S3TestServer s3;
  private String warehouse;

  @BeforeEach
  void server() {
    s3 = S3TestServer.shared();
    warehouse = s3.newWarehouse("cli-launcher");
  }

  @Override
  CliRunner runner() {
    return CliRunner.launcher();
  }

  @Override
  Map<String, String> env() {
    return S3Flow.env(warehouse);
  }

  @Override
  List<String> globalArgs() {
    return S3Flow.globalArgs(s3);
  }

  @Test
  void doctorGivesAVerdict() throws IOException {
    CliResult r = run("doctor", "--rounds", "3", "--threads", "8", "--format", "json");
    JsonNode doc = JSON.readTree(r.stdout());
    assertThat(doc.get("store").asText()).startsWith("S3");
    assertThat(doc.get("checks")).hasSize(3);
    boolean safe = doc.get("safe").asBoolean();
    assertThat(r.exitCode()).isEqualTo(safe ? ExitCodes.OK : ExitCodes.UNSAFE_STORE);
    assertThat(safe).isEqualTo(s3.conditionalSwapIsAtomic());
  }
}
