package dev.snaplog.s3.internal;

import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Create-only PUTs ({@code If-None-Match: *}) of immutable objects, retried here rather than by the SDK. A
 * blind retry of a create whose first attempt was applied would answer 412 and report our own object as
 * someone else's; so after an unknown outcome a 412 is settled by comparing the stored bytes with ours.
 */
public final class ConditionalPuts {
  static final int MAX_ATTEMPTS = 4;

  private ConditionalPuts() {}

  /**
   * Creates {@code location} with {@code len} bytes of {@code buf}.
   *
   * @return the new object's ETag
   * @throws ObjectAlreadyExistsException if another object is already there
   */
  public static String putIfAbsent(S3Connection conn, S3Location location, byte[] buf, int len) {
    boolean unknownBefore = false;
    for (int attempt = 1; ; attempt++) {
      try {
        PutObjectRequest req = PutObjectRequest.builder().bucket(location.bucket()).key(location.key())
            .ifNoneMatch("*").contentLength((long) len).build();
        return conn.conditionalClient().putObject(req, RequestBody.fromContentProvider(
            () -> new ByteArrayInputStream(buf, 0, len), len, "application/octet-stream")).eTag();
      } catch (SdkException e) {
        boolean lastAttempt = attempt >= MAX_ATTEMPTS;
        if (S3Errors.isPreconditionFailed(e) || (S3Errors.isConditionalConflict(e) && lastAttempt)) {
          if (unknownBefore) {
            Optional<String> ours = etagIfSameContent(conn, location, buf, len);
            if (ours.isPresent()) {
              return ours.get();
            }
          }
          throw new ObjectAlreadyExistsException(location.toString());
        }
        boolean retryable = S3Errors.isConditionalConflict(e) || S3Errors.isThrottled(e)
            || S3Errors.isOutcomeUnknown(e);
        if (!retryable || lastAttempt) {
          throw conn.errors().failure("create", location.toString(), e);
        }
        unknownBefore |= S3Errors.isOutcomeUnknown(e);
        Backoff.sleep(attempt);
      }
    }
  }

  private static Optional<String> etagIfSameContent(S3Connection conn, S3Location location, byte[] buf, int len) {
    try {
      var stored = conn.client().getObjectAsBytes(GetObjectRequest.builder().bucket(location.bucket())
          .key(location.key()).build());
      byte[] bytes = stored.asByteArrayUnsafe();
      if (Arrays.equals(bytes, 0, bytes.length, buf, 0, len)) {
        return Optional.of(stored.response().eTag());
      }
      return Optional.empty();
    } catch (SdkException e) {
      throw conn.errors().failure("read back after an unknown create outcome", location.toString(), e);
    }
  }
}
