package dev.snaplog.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * S3Proxy with the {@code filesystem-nio2} backend, started as a process: the store whose {@code If-Match} is
 * known not to be atomic, which the conformance probe must refuse (docs/design.md).
 */
final class S3ProxyProcess {
  static final String VERSION = System.getProperty("s3proxy.version", "4.1.0");
  static final String BUCKET = "snaplog-proxy";
  static final String IDENTITY = "snaplog-proxy-identity";
  static final String CREDENTIAL = "snaplog-proxy-credential-do-not-leak";

  private static S3TestServer shared;

  private S3ProxyProcess() {}

  static synchronized S3TestServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static S3TestServer start() {
    Path jar = ServerProcess.findJar("snaplog.test.s3proxy.jar", "s3proxy.jar",
        "org/gaul/s3proxy/" + VERSION + "/s3proxy-" + VERSION + "-jar-with-dependencies.jar");
    Path dir = ServerProcess.workDir("s3proxy-" + ProcessHandle.current().pid());
    int port = ServerProcess.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    Path conf = dir.resolve("s3proxy.conf");
    try {
      Path data = dir.resolve("data");
      Files.createDirectories(data.resolve(BUCKET)); // the filesystem backend's buckets are directories
      Files.writeString(conf, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + IDENTITY,
          "s3proxy.credential=" + CREDENTIAL,
          "jclouds.provider=filesystem-nio2",
          "jclouds.filesystem.basedir=" + data) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long t0 = System.nanoTime();
    ServerProcess.start(jar, List.of("--properties", conf.toString()), dir.resolve("s3proxy.log"), endpoint + "/");
    System.out.printf("[snaplog] started S3Proxy %s at %s in %d ms (data and log in %s)%n", VERSION, endpoint,
        (System.nanoTime() - t0) / 1_000_000, dir);
    return new S3TestServer(S3TestServer.Kind.S3PROXY, endpoint, IDENTITY, CREDENTIAL, BUCKET, "us-east-1");
  }
}
