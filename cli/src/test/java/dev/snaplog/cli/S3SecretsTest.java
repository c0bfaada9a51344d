package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.s3.testing.S3TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No credential ever reaches the output: every command's stdout and stderr, at every verbosity (none, -v, -vv),
 * against a working store, a store that refuses the credentials and an endpoint where nothing listens, is searched
 * for the access key id, the secret access key, the session token and the password of the endpoint URL.
 */
class S3SecretsTest {
  private static final String URL_PASSWORD = "urlPassw0rd-do-not-print";
  private static final String FAKE_KEY_ID = "AKIAFAKEKEYID0000123";
  private static final String FAKE_SECRET = "fakeSecret/With+Chars-0123456789abcdefXYZ";
  private static final String FAKE_TOKEN = "FwoGZXIvYXdzEFAKESESSIONTOKEN0123456789abcdefghijklmnop";
  private static final List<String> VERBOSITIES = List.of("", "-v", "-vv");

  private final S3TestServer s3 = S3TestServer.shared();
  private final CliRunner runner = CliRunner.childJvm();

  @TempDir
  Path dir;

  private static String withUserInfo(String endpoint) {
    URI u = URI.create(endpoint);
    return u.getScheme() + "://snaplog-user:" + URL_PASSWORD + "@" + u.getHost() + ":" + u.getPort();
  }

  private List<CliResult> runAll(Map<String, String> env, String endpoint, List<List<String>> commands) {
    List<CliResult> results = new ArrayList<>();
    for (String v : VERBOSITIES) {
      for (List<String> command : commands) {
        List<String> args = new ArrayList<>();
        if (!v.isEmpty()) {
          args.add(v);
        }
        args.addAll(List.of("--s3-endpoint", endpoint, "-P", "s3.probe-rounds=2", "-P", "s3.probe-concurrency=4"));
        args.addAll(command);
        results.add(runner.run(env, args.toArray(String[]::new)));
      }
    }
    return results;
  }

  private static void assertNoSecret(List<CliResult> results, String... secrets) {
    for (CliResult r : results) {
      for (String secret : secrets) {
        assertThat(r.stdout() + r.stderr()).as("output of a command: %s", r).doesNotContain(secret);
      }
      assertThat(r.stdout() + r.stderr()).doesNotContain("X-Amz-Security-Token").doesNotContain("Signature=");
    }
  }

  @Test
  void aWorkingStoreAtEveryVerbosity() throws IOException {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "id,msg\n1,one\n2,two\n");
    String warehouse = s3.newWarehouse("secrets");
    Map<String, String> env = Map.of("SNAPLOG_WAREHOUSE", warehouse, "AWS_ACCESS_KEY_ID", s3.accessKey(),
        "AWS_SECRET_ACCESS_KEY", s3.secretKey(), "AWS_REGION", s3.region());
    List<List<String>> commands = List.of(List.of("ns", "create", "db"),
        List.of("create", "db.t", "--schema", "id long not null, msg string"),
        List.of("append", "db.t", csv.toString()), List.of("scan", "db.t"), List.of("log", "db.t"),
        List.of("verify", "db.t"), List.of("doctor", "--rounds", "1", "--threads", "2"));
    List<CliResult> results = runAll(env, withUserInfo(s3.endpoint()), commands);
    assertThat(results.stream().filter(r -> r.exitCode() == 0)).as("the flow works: %s", results)
        .hasSizeGreaterThanOrEqualTo(3 * 5);
    assertThat(results.stream().filter(r -> r.stderr().contains("[DEBUG]"))).as("-vv logs at debug").isNotEmpty();
    assertNoSecret(results, s3.accessKey(), s3.secretKey(), URL_PASSWORD);
  }

  @Test
  void refusedCredentialsAndAnUnreachableEndpointAtEveryVerbosity() throws IOException {
    Map<String, String> env = Map.of("SNAPLOG_WAREHOUSE", s3.newWarehouse("secrets-bad"), "AWS_ACCESS_KEY_ID",
        FAKE_KEY_ID, "AWS_SECRET_ACCESS_KEY", FAKE_SECRET, "AWS_SESSION_TOKEN", FAKE_TOKEN, "AWS_REGION", s3.region());
    List<List<String>> commands = List.of(List.of("ns", "list"), List.of("ns", "create", "db"),
        List.of("doctor", "--rounds", "1", "--threads", "2"));
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    List<CliResult> results = new ArrayList<>(runAll(env, withUserInfo(s3.endpoint()), commands));
    results.addAll(runAll(env, withUserInfo("http://127.0.0.1:" + closedPort), commands));
    assertThat(results).as("every command fails with a message").allMatch(r -> r.exitCode() != 0
        && r.stderr().contains("error:") || r.stdout().contains("NOT safe"));
    assertNoSecret(results, FAKE_KEY_ID, FAKE_SECRET, FAKE_TOKEN, URL_PASSWORD);
  }
}
