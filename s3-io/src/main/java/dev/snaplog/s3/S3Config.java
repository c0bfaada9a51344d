package dev.snaplog.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of an S3 connection, read from a properties map (the Java API and CLI flags) with fallback to the
 * standard AWS environment variables. Immutable; {@link #toString()} never shows credentials.
 *
 * <table>
 *   <caption>Property keys</caption>
 *   <tr><td>{@value #ENDPOINT}</td><td>endpoint URL, e.g. {@code http://localhost:9000}; else
 *       {@code AWS_ENDPOINT_URL_S3}, then {@code AWS_ENDPOINT_URL}; else AWS S3</td></tr>
 *   <tr><td>{@value #REGION}</td><td>else {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}; else us-east-1</td></tr>
 *   <tr><td>{@value #PATH_STYLE}</td><td>path-style addressing (MinIO); default true iff an endpoint is set</td></tr>
 *   <tr><td>{@value #ACCESS_KEY_ID}, {@value #SECRET_ACCESS_KEY}, {@value #SESSION_TOKEN}</td><td>explicit
 *       credentials; else the AWS default credential chain (environment, profile, container, instance)</td></tr>
 *   <tr><td>{@value #MULTIPART_THRESHOLD}</td><td>bytes (suffix k/m/g allowed) buffered before a streamed write
 *       switches to multipart upload; also the part size. Default 16m, minimum 5m (the S3 part minimum)</td></tr>
 *   <tr><td>{@value #MAX_CONNECTIONS}, {@value #CONNECT_TIMEOUT_MS}, {@value #SOCKET_TIMEOUT_MS}</td><td>HTTP
 *       pool size (default 64) and timeouts (default 10 s and 60 s)</td></tr>
 *   <tr><td>{@value #VERIFY_CONDITIONAL_WRITES}</td><td>{@code true} (default): before the first pointer write
 *       to a bucket, run {@link S3StoreProbe} once per JVM and refuse commits if {@code If-Match} is missing or
 *       not atomic; {@code warn}: probe and only log; {@code false}: skip the probe</td></tr>
 *   <tr><td>{@value #PROBE_ROUNDS}, {@value #PROBE_CONCURRENCY}</td><td>effort of that probe (default 10 x 16)</td></tr>
 * </table>
 */
public final class S3Config {
  public static final String ENDPOINT = "s3.endpoint";
  public static final String REGION = "s3.region";
  public static final String PATH_STYLE = "s3.path-style-access";
  public static final String ACCESS_KEY_ID = "s3.access-key-id";
  public static final String SECRET_ACCESS_KEY = "s3.secret-access-key";
  public static final String SESSION_TOKEN = "s3.session-token";
  public static final String MULTIPART_THRESHOLD = "s3.multipart-threshold";
  public static final String MAX_CONNECTIONS = "s3.max-connections";
  public static final String CONNECT_TIMEOUT_MS = "s3.connect-timeout-ms";
  public static final String SOCKET_TIMEOUT_MS = "s3.socket-timeout-ms";
  public static final String VERIFY_CONDITIONAL_WRITES = "s3.verify-conditional-writes";
  public static final String PROBE_ROUNDS = "s3.probe-rounds";
  public static final String PROBE_CONCURRENCY = "s3.probe-concurrency";

  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** What to do when the conformance probe finds the pointer swap unsafe on a store. */
  public enum Verification {
    /** Refuse pointer writes (commits) with an explanation. */
    REFUSE,
    /** Log a warning and commit anyway. */
    WARN,
    /** Do not probe. */
    OFF
  }

  private final URI endpoint;
  private final String region;
  private final boolean pathStyle;
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final long multipartThreshold;
  private final int maxConnections;
  private final int connectTimeoutMs;
  private final int socketTimeoutMs;
  private final Verification verification;
  private final int probeRounds;
  private final int probeConcurrency;

  private S3Config(Map<String, String> p, Map<String, String> env) {
    String ep = firstNonBlank(p.get(ENDPOINT), env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
    this.endpoint = ep == null ? null : parseEndpoint(ep);
    this.region = Optional.ofNullable(firstNonBlank(p.get(REGION), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")))
        .orElse("us-east-1");
    this.pathStyle = bool(p, PATH_STYLE, endpoint != null);
    this.accessKeyId = blankToNull(p.get(ACCESS_KEY_ID));
    this.secretAccessKey = blankToNull(p.get(SECRET_ACCESS_KEY));
    this.sessionToken = blankToNull(p.get(SESSION_TOKEN));
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("Set both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
          + ", or neither to use the AWS default credential chain");
    }
    this.multipartThreshold = size(p, MULTIPART_THRESHOLD, 16L * 1024 * 1024);
    if (multipartThreshold < MIN_PART_SIZE || multipartThreshold > Integer.MAX_VALUE - 64) {
      throw new IllegalArgumentException(MULTIPART_THRESHOLD + " must be between 5m and 2g, got " + multipartThreshold);
    }
    this.maxConnections = positiveInt(p, MAX_CONNECTIONS, 64);
    this.connectTimeoutMs = positiveInt(p, CONNECT_TIMEOUT_MS, 10_000);
    this.socketTimeoutMs = positiveInt(p, SOCKET_TIMEOUT_MS, 60_000);
    this.verification = verification(p.get(VERIFY_CONDITIONAL_WRITES));
    this.probeRounds = positiveInt(p, PROBE_ROUNDS, 10);
    this.probeConcurrency = positiveInt(p, PROBE_CONCURRENCY, 16);
  }

  /** Settings from {@code properties}, falling back to the process environment. */
  public static S3Config fromProperties(Map<String, String> properties) {
    return new S3Config(properties, System.getenv());
  }

  /** Settings from {@code properties}, falling back to {@code environment} (testable without a real env). */
  public static S3Config fromProperties(Map<String, String> properties, Map<String, String> environment) {
    return new S3Config(properties, environment);
  }

  /** The endpoint override, or empty for AWS S3. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** The endpoint as shown in messages: the URL, or "AWS S3 (region ...)". */
  public String endpointDescription() {
    return endpoint != null ? endpoint.toString() : "AWS S3 (region " + region + ")";
  }

  public String region() {
    return region;
  }

  public boolean pathStyle() {
    return pathStyle;
  }

  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  public Optional<String> secretAccessKey() {
    return Optional.ofNullable(secretAccessKey);
  }

  public Optional<String> sessionToken() {
    return Optional.ofNullable(sessionToken);
  }

  public long multipartThreshold() {
    return multipartThreshold;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public int connectTimeoutMs() {
    return connectTimeoutMs;
  }

  public int socketTimeoutMs() {
    return socketTimeoutMs;
  }

  public Verification verification() {
    return verification;
  }

  public int probeRounds() {
    return probeRounds;
  }

  public int probeConcurrency() {
    return probeConcurrency;
  }

  @Override
  public String toString() {
    return "S3Config[endpoint=" + endpointDescription() + ", region=" + region + ", pathStyle=" + pathStyle
        + ", credentials=" + (accessKeyId != null ? "explicit" : "default chain")
        + ", multipartThreshold=" + multipartThreshold + ", verification=" + verification + "]";
  }

  /**
   * Parses the endpoint and drops any user info ({@code http://user:password@host}): S3 authenticates with
   * signed requests, never with URL credentials, and a URL printed in a message must not carry a password.
   */
  private static URI parseEndpoint(String value) {
    String shown = withoutUserInfo(value.trim());
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid S3 endpoint '" + shown + "'. Fix: set " + ENDPOINT
          + " (or AWS_ENDPOINT_URL_S3) to a URL such as http://localhost:9000");
    }
    if (uri.getScheme() == null || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException("Invalid S3 endpoint '" + shown + "'. Fix: set " + ENDPOINT
          + " (or AWS_ENDPOINT_URL_S3) to a URL such as http://localhost:9000");
    }
    if (uri.getRawUserInfo() != null) {
      try {
        uri = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath(), null, null);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("Invalid S3 endpoint '" + shown + "'", e);
      }
      org.slf4j.LoggerFactory.getLogger(S3Config.class).warn("Ignoring the user info in S3 endpoint {}: S3 "
          + "requests are signed with {} / {}, never with URL credentials", uri, ACCESS_KEY_ID, SECRET_ACCESS_KEY);
    }
    return uri;
  }

  /** {@code url} with anything between {@code ://} and the host's {@code @} replaced, for messages. */
  private static String withoutUserInfo(String url) {
    if (url == null) {
      return null;
    }
    return url.replaceAll("(?<=://)[^/@\\s]*@", "****@");
  }

  private static Verification verification(String value) {
    if (value == null || value.isBlank()) {
      return Verification.REFUSE;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "refuse":
        return Verification.REFUSE;
      case "warn":
        return Verification.WARN;
      case "false":
      case "off":
        return Verification.OFF;
      default:
        throw new IllegalArgumentException(VERIFY_CONDITIONAL_WRITES + " must be true, warn or false, got '" + value + "'");
    }
  }

  private static boolean bool(Map<String, String> p, String key, boolean dflt) {
    String v = blankToNull(p.get(key));
    if (v == null) {
      return dflt;
    }
    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }
    return Boolean.parseBoolean(v);
  }

  private static int positiveInt(Map<String, String> p, String key, int dflt) {
    String v = blankToNull(p.get(key));
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + " must be a positive integer, got '" + v + "'");
  }

  static long size(Map<String, String> p, String key, long dflt) {
    String v = blankToNull(p.get(key));
    if (v == null) {
      return dflt;
    }
    String s = v.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
    long factor = 1;
    char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g') {
      factor = last == 'k' ? 1024L : last == 'm' ? 1024L * 1024 : 1024L * 1024 * 1024;
      s = s.substring(0, s.length() - 1).trim();
    }
    try {
      return Math.multiplyExact(Long.parseLong(s), factor);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(key + " must be a size in bytes such as 16777216 or 16m, got '" + v + "'");
    }
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.trim();
      }
    }
    return null;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }
}
