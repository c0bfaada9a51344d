package dev.snaplog.s3.internal;

import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** One multipart upload: start, create-only completion with its own retry, and abort. */
final class MultipartUpload {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);

  private final S3Connection conn;
  private final S3Location location;
  private final String id;
  private boolean completed;

  private MultipartUpload(S3Connection conn, S3Location location, String id) {
    this.conn = conn;
    this.location = location;
    this.id = id;
  }

  static MultipartUpload start(S3Connection conn, S3Location location) {
    // Retrying the start at worst leaves an extra, empty upload behind; a bucket lifecycle rule
    // (AbortIncompleteMultipartUpload) removes those.
    String id = conn.client().createMultipartUpload(b -> b.bucket(location.bucket()).key(location.key())
        .contentType("application/octet-stream")).uploadId();
    return new MultipartUpload(conn, location, id);
  }

  String id() {
    return id;
  }

  boolean completed() {
    return completed;
  }

  /**
   * Completes the upload create-only. Sent without SDK retries: a completion retried after a lost response
   * answers 404 NoSuchUpload or 412, and those are settled here by looking for an object of our size.
   */
  void complete(List<CompletedPart> parts, long size) {
    boolean unknownBefore = false;
    for (int attempt = 1; ; attempt++) {
      try {
        conn.conditionalClient().completeMultipartUpload(b -> b.bucket(location.bucket()).key(location.key())
            .uploadId(id).ifNoneMatch("*").multipartUpload(m -> m.parts(parts)));
        completed = true;
        return;
      } catch (SdkException e) {
        boolean settledAsOurs = unknownBefore && (S3Errors.isPreconditionFailed(e) || S3Errors.isNotFound(e))
            && S3OutputStream.existsWithSize(conn, location, size);
        if (settledAsOurs) {
          completed = true;
          return;
        }
        if (S3Errors.isPreconditionFailed(e)) {
          throw new ObjectAlreadyExistsException(location.toString());
        }
        boolean retryable = S3Errors.isOutcomeUnknown(e) || S3Errors.isThrottled(e)
            || S3Errors.isConditionalConflict(e);
        if (!retryable || attempt >= ConditionalPuts.MAX_ATTEMPTS) {
          throw conn.errors().failure("complete multipart upload", location.toString(), e);
        }
        unknownBefore |= S3Errors.isOutcomeUnknown(e);
        Backoff.sleep(attempt);
      }
    }
  }

  void abortQuietly() {
    try {
      conn.client().abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key()).uploadId(id));
    } catch (SdkException e) {
      LOG.warn("Could not abort multipart upload of {}; a bucket lifecycle rule for incomplete uploads removes it: {}",
          location, conn.errors().redact(e.getMessage()));
    }
  }
}
