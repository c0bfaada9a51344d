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
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server for tests, shared by every test of one JVM. {@link #shared()} picks, in this order: the
 * endpoint in {@code SNAPLOG_TEST_S3_ENDPOINT} (with {@code SNAPLOG_TEST_S3_ACCESS_KEY},
 * {@code SNAPLOG_TEST_S3_SECRET_KEY}, {@code SNAPLOG_TEST_S3_BUCKET}); a MinIO container when a Docker engine
 * answers; otherwise an Adobe S3Mock process. It prints which one it picked.
 *
 * <p>Typical use in another module's test (depend on the s3-io test-jar):
 * <pre>{@code
 * S3TestServer s3 = S3TestServer.shared();
 * try (Storage storage = s3.openStorage(s3.newWarehouse("catalog-test"))) { ... }
 * }</pre>
 */
public final class S3TestServer {
  /** Which kind of server this is; tests use it for capability flags. */
  public enum Kind { ENVIRONMENT, MINIO, S3MOCK, S3PROXY }

  private static S3TestServer shared;
  private static S3TestServer longHistories;

  private final Kind kind;
  private final String endpoint;
  private final String rawEndpoint;
  private final String accessKey;
  private final String secretKey;
  private final String bucket;
  private final String region;

  S3TestServer(Kind kind, String endpoint, String accessKey, String secretKey, String bucket, String region) {
    this(kind, endpoint, endpoint, accessKey, secretKey, bucket, region);
  }

  S3TestServer(Kind kind, String endpoint, String rawEndpoint, String accessKey, String secretKey, String bucket,
      String region) {
    this.kind = kind;
    this.endpoint = endpoint;
    this.rawEndpoint = rawEndpoint;
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

  /** A shared S3Proxy (filesystem backend) process, whose If-Match is known not to be atomic. */
  public static S3TestServer s3Proxy() {
    return S3ProxyProcess.shared();
  }

  /**
   * The server for long histories: like {@link #shared()}, except that instead of S3Mock it starts S3Proxy
   * (filesystem backend, one file per object) behind the serialising proxy. S3Mock rewrites one index file per
   * bucket on every PUT, so its PUTs slow down with every object already in the bucket (about 5 PUTs/s at
   * 11,000 objects), which would make a 10,000-commit history take hours and measure the server instead.
   */
  public static synchronized S3TestServer sharedForLongHistories() {
    if (longHistories == null) {
      S3TestServer configured = shared != null ? shared : environmentOrMinio();
      longHistories = configured != null && configured.kind() != Kind.S3MOCK ? configured
          : S3ProxyProcess.behindSerializingProxy();
      System.out.println("[snaplog] long-history S3 workloads run against " + longHistories);
    }
    return longHistories;
  }

  private static S3TestServer pick() {
    S3TestServer configured = environmentOrMinio();
    return configured != null ? configured : S3MockProcess.start();
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

  /**
   * The server itself, without the serialising proxy that {@link Kind#S3MOCK} is reached through (same as
   * {@link #endpoint()} for other kinds). Only the probe test should need it.
   */
  public String rawEndpoint() {
    return rawEndpoint;
  }

  /** This server addressed at its raw endpoint (no serialising proxy). */
  public S3TestServer raw() {
    return new S3TestServer(kind, rawEndpoint, rawEndpoint, accessKey, secretKey, bucket, region);
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

  /**
   * False where concurrent {@code If-None-Match: *} PUTs can both win. S3Mock's can, but the harness reaches
   * it (and S3Proxy in {@link #sharedForLongHistories()}) through a proxy that serialises conditional writes,
   * so only their raw forms are not atomic.
   */
  public boolean conditionalCreateIsAtomic() {
    boolean raw = endpoint.equals(rawEndpoint);
    return !(raw && (kind == Kind.S3PROXY || kind == Kind.S3MOCK));
  }

  /** False where concurrent {@code If-Match} PUTs can both win (raw S3Proxy; raw S3Mock). */
  public boolean conditionalSwapIsAtomic() {
    return conditionalCreateIsAtomic();
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
    var b = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.of(region)).forcePathStyle(true);
    if (accessKey != null) {
      b.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return kind + " at " + endpoint + (rawEndpoint.equals(endpoint) ? "" : " (proxy to " + rawEndpoint + ")")
        + ", bucket '" + bucket + "'";
  }

  private static String envOr(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
