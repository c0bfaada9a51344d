package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code doctor} against a server that answers every request with 501 Not Implemented. */
class DoctorNotImplementedTest {
  @Test
  void aServerThatImplementsNothingGetsAClearVerdictAndExitCodeSeven() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NotImplemented</Code><Message>A header you"
        + " provided implies functionality that is not implemented</Message></Error>").getBytes(StandardCharsets.UTF_8);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().add("Content-Type", "application/xml");
      ex.sendResponseHeaders(501, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
      CliResult r = CliRunner.inProcess().run(Map.of("SNAPLOG_WAREHOUSE", "s3://some-bucket/w"), "--s3-endpoint",
          endpoint, "-P", "s3.access-key-id=id", "-P", "s3.secret-access-key=secret", "doctor", "--rounds", "1");
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.UNSAFE_STORE);
      String all = r.stdout() + r.stderr();
      assertThat(all).doesNotContain("unexpected").contains("501").contains("NOT safe").contains(endpoint);
    } finally {
      server.stop(0);
    }
  }
}
