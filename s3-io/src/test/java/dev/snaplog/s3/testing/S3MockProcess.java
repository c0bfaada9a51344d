package dev.snaplog.s3.testing;

import java.nio.file.Path;
import java.util.List;

/** Adobe S3Mock started from its {@code exec} jar: no credentials checked, data under the work directory. */
final class S3MockProcess {
  static final String VERSION = System.getProperty("s3mock.version", "5.2.0");
  static final String BUCKET = "snaplog-test";

  private S3MockProcess() {}

  static S3TestServer start() {
    Path jar = ServerProcess.findJar("snaplog.test.s3mock.jar", "s3mock-exec.jar",
        "com/adobe/testing/s3mock/" + VERSION + "/s3mock-" + VERSION + "-exec.jar");
    Path dir = ServerProcess.workDir("s3mock-" + ProcessHandle.current().pid());
    int port = ServerProcess.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    long t0 = System.nanoTime();
    ServerProcess.start(jar, List.of(
        "--server.port=0",
        "--http.port=" + port,
        "--com.adobe.testing.s3mock.store.root=" + dir.resolve("data"),
        "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
        "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
        "--logging.level.root=WARN"), dir.resolve("s3mock.log"), endpoint + "/" + BUCKET);
    System.out.printf("[snaplog] started S3Mock %s at %s in %d ms (data and log in %s)%n", VERSION, endpoint,
        (System.nanoTime() - t0) / 1_000_000, dir);
    SerializingProxy proxy;
    try {
      proxy = new SerializingProxy(endpoint);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(proxy::stop, "stop serializing proxy"));
    System.out.printf("[snaplog] S3Mock's conditional writes are check-then-act (not atomic); tests reach it through "
        + "a proxy at %s that serialises conditional writes per key. The raw server stays at %s%n",
        proxy.endpoint(), endpoint);
    // S3Mock accepts any credentials; the SDK still needs some to sign with
    return new S3TestServer(S3TestServer.Kind.S3MOCK, proxy.endpoint(), endpoint, "snaplog-test-key",
        "snaplog-test-secret", BUCKET, "us-east-1");
  }
}
