package dev.snaplog.s3.internal;

import dev.snaplog.core.exceptions.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that turns SDK failures into Snaplog messages and classifies them for the commit protocol.
 * Every message names the endpoint, the location and a fix, and is redacted: the configured credentials and
 * anything shaped like a signature or an access key id are replaced before the text leaves this class.
 */
public final class S3Errors {
  private static final Set<String> CREDENTIAL_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
      "InvalidToken", "ExpiredToken", "AccessDenied", "InvalidSecurity", "TokenRefreshRequired");
  private static final Set<String> REGION_CODES = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect",
      "IllegalLocationConstraintException", "InvalidRegion");
  private static final Pattern SIGNATURE_PARAMS = Pattern.compile(
      "(?i)(signature|x-amz-signature|credential|x-amz-credential|x-amz-security-token)=[^&,\\s\"']+");
  private static final Pattern KEY_IDS = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{12,}\\b");

  private final String endpoint;
  private final List<String> secrets = new ArrayList<>();

  public S3Errors(String endpointDescription, List<String> secrets) {
    this.endpoint = endpointDescription;
    for (String s : secrets) {
      if (s != null && s.length() >= 3) {
        this.secrets.add(s);
      }
    }
  }

  public String endpoint() {
    return endpoint;
  }

  /** A storage failure of {@code operation} on {@code location}, described for a human. */
  public StorageException failure(String operation, String location, Throwable e) {
    return new StorageException(operation, location, cause(location, e));
  }

  /** The redacted cause to attach to any exception raised for {@code e}. */
  public S3Error cause(String location, Throwable e) {
    return new S3Error(describe(location, e), statusCode(e), errorCode(e), e);
  }

  /** "what happened at which endpoint/bucket. Fix: ..." with secrets removed. */
  public String describe(String location, Throwable e) {
    String bucket = bucketOf(location);
    String where = " at endpoint " + endpoint + (bucket == null ? "" : ", bucket '" + bucket + "'");
    int status = statusCode(e);
    String code = errorCode(e);
    String text;
    if (e instanceof AwsServiceException) {
      String msg = ((AwsServiceException) e).awsErrorDetails() == null ? null
          : ((AwsServiceException) e).awsErrorDetails().errorMessage();
      text = "HTTP " + status + (code == null ? "" : " " + code) + where + (msg == null ? "" : ": " + msg)
          + ". " + fixFor(status, code, bucket);
    } else if (isConnectFailure(e)) {
      text = "cannot connect to S3 endpoint " + endpoint + " (" + rootMessage(e) + "). Fix: check "
          + "s3.endpoint / AWS_ENDPOINT_URL_S3 (scheme, host and port) and that the server is running and reachable";
    } else if (isTimeout(e)) {
      text = "request timed out" + where + ". Fix: check the network and the server's load; raise "
          + "s3.socket-timeout-ms if requests are legitimately slow";
    } else if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
      text = "no usable AWS credentials for endpoint " + endpoint + " (" + e.getMessage() + "). Fix: set "
          + "s3.access-key-id and s3.secret-access-key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile";
    } else {
      text = "request failed" + where + ": " + rootMessage(e) + ". Fix: check that the endpoint is an S3 server "
          + "and reachable; the request may be retried";
    }
    return redact(text);
  }

  private static String fixFor(int status, String code, String bucket) {
    String b = bucket == null ? "the bucket" : "bucket '" + bucket + "'";
    if ("NoSuchBucket".equals(code)) {
      return "Fix: create " + b + ", or correct the warehouse URI (s3://bucket/prefix) or the endpoint "
          + "(s3.endpoint / AWS_ENDPOINT_URL_S3)";
    }
    if (status == 401 || (code != null && CREDENTIAL_CODES.contains(code)) || (status == 403 && code == null)) {
      return "Fix: check the credentials (s3.access-key-id / s3.secret-access-key, or AWS_ACCESS_KEY_ID / "
          + "AWS_SECRET_ACCESS_KEY / AWS_PROFILE) and that they may read and write " + b;
    }
    if (status == 301 || (code != null && REGION_CODES.contains(code))) {
      return "Fix: set s3.region / AWS_REGION to the region of " + b;
    }
    if (status == 501 || "NotImplemented".equals(code)) {
      return "Fix: this S3-compatible server lacks a feature Snaplog needs; run the store probe "
          + "(S3StoreProbe, 'snaplog doctor') and use a store that passes it (AWS S3, MinIO)";
    }
    if (status >= 500) {
      return "Fix: the server failed; retry later and check the server's logs";
    }
    return "Fix: check the request's location and the server's documentation for this error";
  }

  /** Removes configured secrets, signatures and access key ids from {@code text}. */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "****");
    }
    out = SIGNATURE_PARAMS.matcher(out).replaceAll("$1=****");
    return KEY_IDS.matcher(out).replaceAll("****");
  }

  public static int statusCode(Throwable e) {
    return e instanceof AwsServiceException ? ((AwsServiceException) e).statusCode() : -1;
  }

  public static String errorCode(Throwable e) {
    if (e instanceof AwsServiceException && ((AwsServiceException) e).awsErrorDetails() != null) {
      return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }
    return null;
  }

  /** 412: the condition did not hold (the ETag moved on, or the object exists). */
  public static boolean isPreconditionFailed(Throwable e) {
    return statusCode(e) == 412;
  }

  /** 409: a concurrent conditional write on the same key won or is in flight (ConditionalRequestConflict). */
  public static boolean isConditionalConflict(Throwable e) {
    return statusCode(e) == 409;
  }

  public static boolean isNotFound(Throwable e) {
    return statusCode(e) == 404;
  }

  /** Throttling: the server refused the request before applying it, so it is safe to send again. */
  public static boolean isThrottled(Throwable e) {
    String code = errorCode(e);
    return statusCode(e) == 429 || "SlowDown".equals(code) || "Throttling".equals(code)
        || "RequestLimitExceeded".equals(code);
  }

  /**
   * True when a write may or may not have been applied: a 5xx answer (other than throttling), a timeout, or a
   * connection that broke after the request could have reached the server. A refused connection or an
   * unknown host means the request never left, so those are not unknown.
   */
  public static boolean isOutcomeUnknown(Throwable e) {
    if (e instanceof AwsServiceException) {
      return statusCode(e) >= 500 && !isThrottled(e);
    }
    if (isTimeout(e)) {
      return true;
    }
    return e instanceof SdkClientException && hasIoCause(e) && !isConnectFailure(e);
  }

  static boolean isTimeout(Throwable e) {
    return e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
        || chainHas(e, java.net.SocketTimeoutException.class);
  }

  static boolean isConnectFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
          || t.getClass().getSimpleName().equals("ConnectTimeoutException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean hasIoCause(Throwable e) {
    return chainHas(e, IOException.class) || chainHas(e, UncheckedIOException.class);
  }

  private static boolean chainHas(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
  }

  private static String bucketOf(String location) {
    if (location == null || !location.startsWith("s3://")) {
      return null;
    }
    String rest = location.substring(5);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
