package dev.snaplog.s3;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PointerStore;
import dev.snaplog.s3.internal.ConditionalWriteGuard;
import dev.snaplog.s3.internal.S3Errors;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Table pointers as S3 objects, swapped with conditional PUTs: read is a GET whose ETag is the token, create is
 * {@code PUT If-None-Match: *}, swap is {@code PUT If-Match: <etag>}. One swap costs exactly one request.
 *
 * <p>The conditional PUTs go through {@link S3Connection#conditionalClient()}, which never retries: a retried
 * swap whose first attempt was applied would come back 412 and turn our own commit into a false conflict.
 * Outcomes map as follows: 200 = swapped; 412 {@code PreconditionFailed}, 409
 * {@code ConditionalRequestConflict} or 404 (pointer gone) = {@link CommitRaceLostException}, nothing changed;
 * throttling (503 SlowDown) = retried here, since S3 refused it before applying it; other 5xx, timeouts and
 * broken connections = {@link CommitStateUnknownException}, which the commit protocol settles by re-reading.
 *
 * <p>Before its first pointer write to a bucket, the store checks with {@link S3StoreProbe} (once per JVM and
 * bucket) that the server's {@code If-Match} is atomic, and refuses to commit otherwise; see
 * {@link S3Config#VERIFY_CONDITIONAL_WRITES}. Thread-safe.
 */
public final class S3PointerStore implements PointerStore {
  private static final int THROTTLE_ATTEMPTS = 4;

  private final S3Connection conn;
  private final ConditionalWriteGuard guard;
  private final S3Errors errors;

  /**
   * A pointer store that verifies conditional writes as {@code connection}'s settings say, probing under
   * {@code probeRoot} (normally the warehouse root).
   */
  public S3PointerStore(S3Connection connection, String probeRoot) {
    this.conn = connection;
    this.guard = new ConditionalWriteGuard(connection, S3Location.parse(probeRoot));
    this.errors = connection.errors();
  }

  @Override
  public Optional<Pointer> read(String location) {
    S3Location loc = S3Location.parse(location);
    try {
      ResponseBytes<GetObjectResponse> r = conn.client().getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key()));
      return Optional.of(new Pointer(r.asByteArray(), r.response().eTag()));
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e) && !"NoSuchBucket".equals(S3Errors.errorCode(e))) {
        return Optional.empty();
      }
      throw errors.failure("read pointer", location, e);
    }
  }

  @Override
  public Pointer create(String location, byte[] bytes) {
    S3Location loc = S3Location.parse(location);
    guard.checkBeforePointerWrite(loc, true);
    for (int attempt = 1; ; attempt++) {
      try {
        return new Pointer(bytes.clone(), put(loc, bytes, null).eTag());
      } catch (SdkException e) {
        if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e)) {
          throw new ObjectAlreadyExistsException(location);
        }
        if (S3Errors.isThrottled(e) && attempt < THROTTLE_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        if (S3Errors.isOutcomeUnknown(e)) {
          return settleCreate(loc, bytes, e);
        }
        throw errors.failure("create pointer", location, e);
      }
    }
  }

  @Override
  public Pointer swap(String location, String expectedToken, byte[] bytes) {
    S3Location loc = S3Location.parse(location);
    guard.checkBeforePointerWrite(loc, false);
    for (int attempt = 1; ; attempt++) {
      try {
        return new Pointer(bytes.clone(), put(loc, bytes, expectedToken).eTag());
      } catch (SdkException e) {
        if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e) || S3Errors.isNotFound(e)) {
          throw new CommitRaceLostException("Pointer " + location + " is no longer at token " + expectedToken
              + " (HTTP " + S3Errors.statusCode(e) + " " + S3Errors.errorCode(e) + "): another writer committed "
              + "first or the table was dropped; nothing was changed");
        }
        if (S3Errors.isThrottled(e) && attempt < THROTTLE_ATTEMPTS) {
          pause(attempt);
          continue;
        }
        if (S3Errors.isOutcomeUnknown(e)) {
          throw new CommitStateUnknownException("The swap of pointer " + location + " from token " + expectedToken
              + " was sent to " + errors.endpoint() + " but its outcome is unknown (" + errors.describe(location, e)
              + "). Re-read the pointer to learn whether this commit won; do not clean up its files",
              errors.cause(location, e));
        }
        throw errors.failure("swap pointer", location, e);
      }
    }
  }

  @Override
  public void delete(String location, String expectedToken) {
    S3Location loc = S3Location.parse(location);
    Optional<Pointer> current = read(location);
    if (current.isEmpty()) {
      return;
    }
    if (!current.get().token().equals(expectedToken)) {
      throw new CommitRaceLostException("Pointer " + location + " changed before it could be deleted");
    }
    try {
      // If-Match makes the delete conditional where the server supports it (AWS S3 does); elsewhere the
      // read above is the best check available.
      conn.conditionalClient().deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()).ifMatch(expectedToken));
    } catch (SdkException e) {
      if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e)) {
        throw new CommitRaceLostException("Pointer " + location + " changed before it could be deleted");
      }
      if (!S3Errors.isNotFound(e)) {
        throw errors.failure("delete pointer", location, e);
      }
    }
  }

  private software.amazon.awssdk.services.s3.model.PutObjectResponse put(S3Location loc, byte[] bytes, String ifMatch) {
    PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(loc.bucket()).key(loc.key())
        .contentLength((long) bytes.length).contentType("application/json");
    if (ifMatch == null) {
      req.ifNoneMatch("*");
    } else {
      req.ifMatch(ifMatch);
    }
    return conn.conditionalClient().putObject(req.build(), RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(bytes), bytes.length, "application/json"));
  }

  /**
   * A create whose response was lost is settled here, because only this writer knows its bytes: our bytes
   * stored means we created it; nothing stored means it was not applied, so it is sent again; other bytes
   * mean another creator won, or ours won and was already swapped, which cannot be told apart.
   */
  private Pointer settleCreate(S3Location loc, byte[] bytes, SdkException original) {
    Optional<Pointer> now = read(loc.toString());
    if (now.isPresent() && Arrays.equals(now.get().bytes(), bytes)) {
      return now.get();
    }
    if (now.isEmpty()) {
      try {
        return new Pointer(bytes.clone(), put(loc, bytes, null).eTag());
      } catch (SdkException e) {
        if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e)) {
          Optional<Pointer> again = read(loc.toString());
          if (again.isPresent() && Arrays.equals(again.get().bytes(), bytes)) {
            return again.get();
          }
          throw new ObjectAlreadyExistsException(loc.toString());
        }
        original = e;
      }
    }
    throw new CommitStateUnknownException("The creation of pointer " + loc + " was sent to " + errors.endpoint()
        + " but its outcome could not be settled (" + errors.describe(loc.toString(), original) + ")",
        errors.cause(loc.toString(), original));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(1_000, 50L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while backing off", e);
    }
  }
}
