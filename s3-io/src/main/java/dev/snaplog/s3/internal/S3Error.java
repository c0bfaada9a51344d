package dev.snaplog.s3.internal;

import java.io.IOException;

/**
 * The cause attached to Snaplog's S3 exceptions: a redacted description of what the SDK reported, with the
 * SDK exception's stack trace but not the SDK exception itself, so that printing the whole cause chain
 * cannot reveal a credential or a signature a server echoed back.
 */
public final class S3Error extends IOException {
  private final int statusCode;
  private final String errorCode;

  S3Error(String message, int statusCode, String errorCode, Throwable original) {
    super(message);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    if (original != null) {
      setStackTrace(original.getStackTrace());
    }
  }

  /** The HTTP status of the failed request, or -1 if no response arrived. */
  public int statusCode() {
    return statusCode;
  }

  /** The S3 error code (e.g. {@code NoSuchBucket}), or null. */
  public String errorCode() {
    return errorCode;
  }
}
