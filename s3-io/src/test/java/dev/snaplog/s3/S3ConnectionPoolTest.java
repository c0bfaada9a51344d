package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.s3.testing.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Connections share an HTTP pool per pool settings, so a new table handle starts on warm connections; closing
 * one connection must leave that pool to the others.
 */
class S3ConnectionPoolTest {
  @Test
  void connectionsWithTheSamePoolSettingsShareOnePool() {
    S3TestServer server = S3TestServer.shared();
    try (S3Connection a = server.connection(Map.of(), List.of());
         S3Connection b = server.connection(Map.of(S3Config.MULTIPART_THRESHOLD, "5m"), List.of());
         S3Connection other = server.connection(Map.of(S3Config.MAX_CONNECTIONS, "7"), List.of())) {
      assertThat(b.httpPool()).isSameAs(a.httpPool());
      assertThat(other.httpPool()).isNotSameAs(a.httpPool());
    }
  }

  @Test
  void closingAConnectionLeavesTheOthersWorking() throws Exception {
    S3TestServer server = S3TestServer.shared();
    String location = server.newWarehouse("pool") + "/object";
    byte[] body = "still reachable".getBytes(StandardCharsets.UTF_8);
    S3ObjectStore second = new S3ObjectStore(server.connection(Map.of(), List.of()));
    try (S3ObjectStore first = new S3ObjectStore(server.connection(Map.of(), List.of()))) {
      first.putIfAbsent(location, body);
    }
    try (second) {
      assertThat(second.newInputFile(location).readAllBytes()).isEqualTo(body);
    }
    try (S3ObjectStore third = new S3ObjectStore(server.connection(Map.of(), List.of()))) {
      assertThat(third.newInputFile(location).readAllBytes()).isEqualTo(body);
    }
  }
}
