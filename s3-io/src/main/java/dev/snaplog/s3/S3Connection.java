package dev.snaplog.s3;

import dev.snaplog.s3.internal.S3Errors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Two S3 clients over an HTTP connection pool. {@link #client()} retries failed requests (the SDK's standard
 * policy) and serves only idempotent requests: GET, HEAD, LIST, DELETE, unconditional PUT, part uploads.
 * {@link #conditionalClient()} never retries: a conditional PUT sent twice can fail the second time because the
 * first one succeeded, which would turn a commit into a false conflict, so its callers decide. It is built on
 * first use, so opening a connection to read builds one client.
 *
 * <p>The HTTP pool is shared by every connection of the process with the same pool settings (limit and
 * timeouts) and outlives them: a new table handle starts on connections an earlier one left warm instead of
 * opening its own, since a handle's first requests are a few small reads and each new connection costs a TCP
 * handshake (on AWS a TLS one too) that took longer than the read (on Ceph RGW over loopback, 2-4 ms against
 * 1-1.5 ms for a small GET on a pooled connection). Connections idle for 20 s leave the pool.
 *
 * <p>Thread-safe. Closing it closes both clients; the pool stays for the next connection.
 */
public final class S3Connection implements AutoCloseable {
  /** HTTP pools by their settings (connection limit, connect and socket timeouts); see the class comment. */
  private static final Map<List<Integer>, SdkHttpClient> SHARED_POOLS = new ConcurrentHashMap<>();

  private final S3Config config;
  private final SdkHttpClient http;
  private final S3Client client;
  private final List<ExecutionInterceptor> interceptors;
  private S3Client conditional; // built on first use: a handle that only reads never needs it
  private boolean closed;
  private final S3Errors errors;

  private S3Connection(S3Config config, List<ExecutionInterceptor> interceptors) {
    this.config = config;
    this.errors = new S3Errors(config.endpointDescription(), secretsOf(config));
    // Apache HttpClient 5: the SDK's default sync client since 2.3x; pooled, with socket timeouts that bound
    // how long an unknown commit outcome can hang. See README.md for the choice.
    this.http = SHARED_POOLS.computeIfAbsent(
        List.of(config.maxConnections(), config.connectTimeoutMs(), config.socketTimeoutMs()),
        settings -> Apache5HttpClient.builder()
            .maxConnections(config.maxConnections())
            .connectionTimeout(Duration.ofMillis(config.connectTimeoutMs()))
            .socketTimeout(Duration.ofMillis(config.socketTimeoutMs()))
            // idle pooled connections are dropped before typical server keep-alive limits, so a conditional PUT
            // rarely meets a stale connection (which would make its outcome unknown for nothing)
            .connectionMaxIdleTime(Duration.ofSeconds(20))
            .build());
    this.client = build(config, interceptors, AwsRetryStrategy.standardRetryStrategy());
    this.interceptors = interceptors;
  }

  /** Opens a connection with the given settings. */
  public static S3Connection open(S3Config config) {
    return new S3Connection(config, List.of());
  }

  /**
   * Opens a connection whose clients also run {@code interceptors}, e.g. a request counter or fault injection
   * in tests.
   */
  public static S3Connection open(S3Config config, List<ExecutionInterceptor> interceptors) {
    return new S3Connection(config, List.copyOf(interceptors));
  }

  /** The retrying client; for idempotent requests only. */
  public S3Client client() {
    return client;
  }

  /** The client that sends each request exactly once; for conditional writes. */
  public synchronized S3Client conditionalClient() {
    if (conditional == null) {
      if (closed) {
        throw new IllegalStateException("S3 connection to " + config.endpointDescription() + " is closed");
      }
      conditional = build(config, interceptors, AwsRetryStrategy.doNotRetry());
    }
    return conditional;
  }

  public S3Config config() {
    return config;
  }

  /** The HTTP pool under both clients, shared with every connection of the same pool settings. */
  SdkHttpClient httpPool() {
    return http;
  }

  /** The error factory of this connection (endpoint-aware, redacting). */
  public S3Errors errors() {
    return errors;
  }

  @Override
  public void close() {
    // a client given its HTTP client by the builder leaves it open on close, as the shared pool needs
    client.close();
    synchronized (this) {
      closed = true;
      if (conditional != null) {
        conditional.close();
      }
    }
  }

  private S3Client build(S3Config config, List<ExecutionInterceptor> interceptors, RetryStrategy retries) {
    S3ClientBuilder b = S3Client.builder()
        .httpClient(http)
        .region(Region.of(config.region()))
        .credentialsProvider(credentials(config))
        .forcePathStyle(config.pathStyle())
        // Many S3-compatible servers reject the SDK's newer default checksum trailers; send checksums only
        // where the API requires them.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        // Over plain HTTP the SDK would otherwise sign bodies as aws-chunked streams, whose empty form Ceph RGW
        // rejects (XAmzContentSHA256Mismatch); every body here has a known length and can be hashed up front.
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .overrideConfiguration(o -> {
          o.retryStrategy(retries);
          interceptors.forEach(o::addExecutionInterceptor);
        });
    config.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  private static AwsCredentialsProvider credentials(S3Config config) {
    if (config.accessKeyId().isPresent()) {
      String id = config.accessKeyId().get();
      String secret = config.secretAccessKey().orElseThrow();
      return StaticCredentialsProvider.create(config.sessionToken().isPresent()
          ? AwsSessionCredentials.create(id, secret, config.sessionToken().get())
          : AwsBasicCredentials.create(id, secret));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static List<String> secretsOf(S3Config config) {
    List<String> secrets = new ArrayList<>();
    config.accessKeyId().ifPresent(secrets::add);
    config.secretAccessKey().ifPresent(secrets::add);
    config.sessionToken().ifPresent(secrets::add);
    // credentials the default chain may pick up from the environment are redacted as well
    for (String var : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
      String value = System.getenv(var);
      if (value != null && !value.isBlank()) {
        secrets.add(value);
      }
    }
    return secrets;
  }
}
