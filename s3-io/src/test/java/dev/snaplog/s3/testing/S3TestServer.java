package dev.snaplog.s3.testing;

import dev.snaplog.core.io.Storage;
import dev.snaplog.s3.S3Config;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3StorageProvider;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An S3 server for tests, shared by every test of one JVM. {@link #shared()} picks, in this order: the
 * endpoint in {@code SNAPLOG_TEST_S3_ENDPOINT} (with {@code SNAPLOG_TEST_S3_ACCESS_KEY},
 * {@code SNAPLOG_TEST_S3_SECRET_KEY}, {@code SNAPLOG_TEST_S3_BUCKET}); a MinIO container when a Docker engine
 * answers; otherwise a Ceph RGW cluster that the harness starts itself ({@link RgwCluster}). All three make
 * conditional writes atomic on their own, so tests of the commit protocol prove the guarantee against the
 * server, never against test code. It prints which one it picked.
 *
 * <p>Typical use in another module's test (depend on the s3-io test-jar):
 * <pre>{@code
 * S3TestServer s3 = S3TestServer.shared();
 * try (Storage storage = s3.openStorage(s3.newWarehouse("catalog-test"))) { ... }
 * }</pre>
 */
public final class S3TestServer {
  /** Which kind of server this is; tests use it for capability flags. */
  public enum Kind { ENVIRONMENT, MINIO, RGW, S3PROXY }

  private static S3TestServer shared;

  private final Kind kind;
  private final String endpoint;
  private final String accessKey;
  private final String secretKey;
  private final String bucket;
  private final String region;

  S3TestServer(Kind kind, String endpoint, String accessKey, String secretKey, String bucket, String region) {
    this.kind = kind;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.bucket = bucket;
    this.region = region;
  }

  /** The server every S3 integration test of this JVM runs against, started on first use. */
  public static synchronized S3TestServer shared() {
    if (shared == null) {
      shared = pick();
      System.out.println("[snaplog] S3 integration tests run against " + shared);
    }
    return shared;
  }

  /**
   * A shared S3Proxy (filesystem backend) process, whose {@code If-Match} is known not to be atomic: for tests
   * that show the probe refusing such a store.
   */
  public static S3TestServer s3Proxy() {
    return S3ProxyProcess.shared();
  }

  /**
   * The server for workloads that store tens of thousands of objects (the benchmarks): the same as
   * {@link #shared()}, since RGW, MinIO and AWS keep their PUT latency flat as a bucket fills.
   */
  public static S3TestServer sharedForLongHistories() {
    return shared();
  }

  private static S3TestServer pick() {
    S3TestServer configured = environmentOrMinio();
    return configured != null ? configured : startRgw();
  }

  private static S3TestServer startRgw() {
    RgwCluster cluster = RgwCluster.start();
    S3TestServer server = new S3TestServer(Kind.RGW, cluster.endpoint(), RgwCluster.ACCESS_KEY,
        RgwCluster.SECRET_KEY, "snaplog-test", "us-east-1");
    try (S3Client client = server.newClient()) {
      client.createBucket(b -> b.bucket(server.bucket()));
    }
    return server;
  }

  /** The endpoint in the environment, else a MinIO container if Docker answers, else null. */
  private static S3TestServer environmentOrMinio() {
    String envEndpoint = System.getenv("SNAPLOG_TEST_S3_ENDPOINT");
    if (envEndpoint != null && !envEndpoint.isBlank()) {
      return new S3TestServer(Kind.ENVIRONMENT, envEndpoint, System.getenv("SNAPLOG_TEST_S3_ACCESS_KEY"),
          System.getenv("SNAPLOG_TEST_S3_SECRET_KEY"), envOr("SNAPLOG_TEST_S3_BUCKET", "snaplog-test"),
          envOr("AWS_REGION", "us-east-1"));
    }
    return MinioStarter.startIfDockerAnswers();
  }

  public Kind kind() {
    return kind;
  }

  public String endpoint() {
    return endpoint;
  }

  public String bucket() {
    return bucket;
  }

  public String region() {
    return region;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** False where concurrent {@code If-None-Match: *} PUTs can both win (none of the servers the harness starts). */
  public boolean conditionalCreateIsAtomic() {
    return true;
  }

  /** False where concurrent {@code If-Match} PUTs can both win (S3Proxy). */
  public boolean conditionalSwapIsAtomic() {
    return kind != Kind.S3PROXY;
  }

  /** Settings for {@link S3StorageProvider} / {@link S3Config}: endpoint, region, path style, credentials. */
  public Map<String, String> properties() {
    Map<String, String> p = new HashMap<>();
    p.put(S3Config.ENDPOINT, endpoint);
    p.put(S3Config.REGION, region);
    p.put(S3Config.PATH_STYLE, "true");
    // keep the once-per-JVM conformance probe cheap in tests; S3StoreProbeTest probes hard
    p.put(S3Config.PROBE_ROUNDS, "3");
    p.put(S3Config.PROBE_CONCURRENCY, "8");
    if (accessKey != null) {
      p.put(S3Config.ACCESS_KEY_ID, accessKey);
      p.put(S3Config.SECRET_ACCESS_KEY, secretKey);
    }
    return p;
  }

  /** A fresh warehouse URI {@code s3://bucket/<name>-<uuid>} so tests never see each other's objects. */
  public String newWarehouse(String name) {
    return "s3://" + bucket + "/" + name + "-" + UUID.randomUUID();
  }

  /** The storage of a warehouse on this server, like the catalog would open it. */
  public Storage openStorage(String warehouse) {
    return openStorage(warehouse, Map.of(), List.of());
  }

  /** The same, with extra properties (override {@link #properties()}) and SDK interceptors. */
  public Storage openStorage(String warehouse, Map<String, String> extraProperties,
      List<ExecutionInterceptor> interceptors) {
    Map<String, String> p = properties();
    p.putAll(extraProperties);
    return new S3StorageProvider().open(warehouse, p, interceptors);
  }

  /** A connection with extra interceptors and property overrides. */
  public S3Connection connection(Map<String, String> extraProperties, List<ExecutionInterceptor> interceptors) {
    Map<String, String> p = properties();
    p.putAll(extraProperties);
    return S3Connection.open(S3Config.fromProperties(p, Map.of()), interceptors);
  }

  /** A plain path-style SDK client for this server, for test set-up and inspection. */
  public S3Client newClient() {
    var b = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region)).forcePathStyle(true)
        // RGW (and others) reject the SDK's default checksum trailers with HTTP 400
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
    if (accessKey != null) {
      b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return kind + " at " + endpoint + ", bucket '" + bucket + "'";
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
