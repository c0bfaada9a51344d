package dev.snaplog.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.testing.S3TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wrong credentials, a missing bucket and an unreachable endpoint give clear errors that leak no secret. */
class S3BadEnvironmentTest {
  private static final String WRONG_KEY_ID = "AKIAWRONGKEYID000042";
  private static final String WRONG_SECRET = "wrongSecret/With+Chars0123456789abcdefXYZ";

  @Test
  void wrongCredentialsNameTheEndpointAndTheFixButNotTheSecret() {
    S3TestServer proxy = S3TestServer.shared();
    Map<String, String> wrong = new HashMap<>();
    wrong.put(S3Config.ACCESS_KEY_ID, WRONG_KEY_ID);
    wrong.put(S3Config.SECRET_ACCESS_KEY, WRONG_SECRET);
    try (Storage storage = proxy.openStorage(proxy.newWarehouse("creds"), wrong, List.of())) {
      for (Runnable op : List.<Runnable>of(
          () -> storage.objects().list(storage.root()),
          () -> storage.objects().putIfAbsent(storage.root() + "/x", new byte[] {1}),
          () -> storage.pointers().read(storage.root() + "/t/_pointer"),
          () -> storage.pointers().create(storage.root() + "/t/_pointer", new byte[] {1}))) {
        Throwable t = catchThrowable(op::run);
        assertThat(t).isInstanceOf(StorageException.class);
        assertThat(t.getMessage()).contains(proxy.endpoint()).contains("Fix:").contains("credentials");
        assertNoSecrets(t, WRONG_SECRET, WRONG_KEY_ID, proxy.secretKey());
      }
    }
  }

  @Test
  void missingBucketNamesTheBucketAndTheFix() {
    S3TestServer server = S3TestServer.shared();
    try (Storage storage = server.openStorage("s3://snaplog-no-such-bucket/warehouse")) {
      for (Runnable op : List.<Runnable>of(
          () -> storage.objects().list(storage.root()),
          () -> storage.objects().putIfAbsent(storage.root() + "/x", new byte[] {1}))) {
        Throwable t = catchThrowable(op::run);
        assertThat(t).isInstanceOf(StorageException.class);
        assertThat(t.getMessage()).contains("snaplog-no-such-bucket").contains(server.endpoint())
            .contains("Fix: create bucket 'snaplog-no-such-bucket'");
        assertNoSecrets(t, server.secretKey());
      }
    }
  }

  @Test
  void unreachableEndpointNamesTheEndpointAndTheSetting() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String endpoint = "http://127.0.0.1:" + port;
    Map<String, String> props = Map.of(S3Config.ENDPOINT, endpoint, S3Config.ACCESS_KEY_ID, WRONG_KEY_ID,
        S3Config.SECRET_ACCESS_KEY, WRONG_SECRET, S3Config.VERIFY_CONDITIONAL_WRITES, "false");
    try (Storage storage = new S3StorageProvider().open("s3://bucket/w", props)) {
      Throwable t = catchThrowable(() -> storage.objects().list(storage.root()));
      assertThat(t).isInstanceOf(StorageException.class);
      assertThat(t.getMessage()).contains("cannot connect to S3 endpoint " + endpoint).contains("s3.endpoint");
      assertNoSecrets(t, WRONG_SECRET, WRONG_KEY_ID);
      Throwable swap = catchThrowable(() -> storage.pointers().swap(storage.root() + "/t/_pointer", "\"etag\"",
          new byte[] {1}));
      assertThat(swap).as("a refused connection never sent the swap, so the outcome is known")
          .isInstanceOf(StorageException.class);
    }
  }

  private static void assertNoSecrets(Throwable t, String... secrets) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    for (String secret : secrets) {
      if (secret != null) {
        assertThat(trace.toString()).as("stack trace with causes").doesNotContain(secret);
      }
    }
    assertThat(trace.toString()).doesNotContainIgnoringCase("signature=").doesNotContain("X-Amz-Signature");
  }
}
