package dev.snaplog.s3;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.CommitStateUnknownException;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.io.Pointer;
import dev.snaplog.core.io.PointerStore;
import dev.snaplog.s3.internal.Backoff;
import dev.snaplog.s3.internal.ConditionalWriteGuard;
import dev.snaplog.s3.internal.S3Errors;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Outcomes of a swap map as follows: 200 = swapped; 412 {@code PreconditionFailed} or 404 (pointer gone) =
 * {@link CommitRaceLostException}, nothing changed; throttling (503 SlowDown, 429) = retried here with backoff,
 * since the server refused it before applying it; 409 {@code ConditionalRequestConflict}, other 5xx (Ceph RGW
 * answers a losing racer with 500), timeouts and broken connections = {@link CommitStateUnknownException},
 * which the commit protocol settles by re-reading the pointer.
 *
 * <p>Before its first pointer write to a bucket, the store checks with {@link S3StoreProbe} (once per JVM and
 * bucket) that the server's {@code If-Match} is atomic, and refuses to commit otherwise; see
 * {@link S3Config#VERIFY_CONDITIONAL_WRITES}. The probe also tells which ETag form the store matches (quoted or
 * bare), and every {@code If-Match} is sent in that form. Two successful swaps from the same token, with no
 * sign in between that the object came back to it, are proof that the store is not atomic: the second one is
 * reported as a {@link CorruptTableException} (a commit may have been overwritten) and the verdict is dropped
 * so the store is probed again. Thread-safe.
 */
public final class S3PointerStore implements PointerStore {
  private static final int THROTTLE_ATTEMPTS = 6;
  private static final int REMEMBERED_TOKENS = 4096;

  private final S3Connection conn;
  private final ConditionalWriteGuard guard;
  private final S3Errors errors;
  /** Tokens this store swapped away from, to notice a second successful swap from one of them. */
  private final Map<String, Boolean> consumedTokens = Collections.synchronizedMap(
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_TOKENS;
        }
      });

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
      noteCurrent(loc, r.response().eTag());
      return Optional.of(observed(r.asByteArray(), r.response()));
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
        Pointer created = observed(bytes.clone(), put(loc, bytes, null));
        noteCurrent(loc, created.token());
        return created;
      } catch (SdkException e) {
        if (S3Errors.isPreconditionFailed(e)) {
          throw new ObjectAlreadyExistsException(location);
        }
        if (S3Errors.isThrottled(e) && attempt < THROTTLE_ATTEMPTS) {
          Backoff.sleep(attempt);
          continue;
        }
        if (S3Errors.isOutcomeUnknown(e) || S3Errors.isConditionalConflict(e)) {
          return settleCreate(loc, bytes, e);
        }
        throw errors.failure("create pointer", location, e);
      }
    }
  }

  @Override
  public Pointer swap(String location, String expectedToken, byte[] bytes) {
    S3Location loc = S3Location.parse(location);
    ProbeReport.EtagForm form = guard.checkBeforePointerWrite(loc, false);
    for (int attempt = 1; ; attempt++) {
      try {
        Pointer swapped = observed(bytes.clone(), put(loc, bytes, form.apply(expectedToken)));
        noteConsumed(loc, expectedToken);
        noteCurrent(loc, swapped.token());
        return swapped;
      } catch (SdkException e) {
        if (S3Errors.isPreconditionFailed(e) || S3Errors.isNotFound(e)) {
          throw new CommitRaceLostException("Pointer " + location + " is no longer at token " + expectedToken
              + " (HTTP " + S3Errors.statusCode(e) + " " + S3Errors.errorCode(e) + "): another writer committed "
              + "first or the table was dropped; nothing was changed");
        }
        if (S3Errors.isThrottled(e) && attempt < THROTTLE_ATTEMPTS) {
          Backoff.sleep(attempt);
          continue;
        }
        if (S3Errors.isOutcomeUnknown(e) || S3Errors.isConditionalConflict(e)) {
          throw new CommitStateUnknownException("The swap of pointer " + location + " from token " + expectedToken
              + " was sent to " + errors.endpoint() + " but its outcome is unknown (" + errors.describe(location, e)
              + "). Re-read the pointer to learn whether this commit won; do not clean up its files",
              errors.cause(location, e));
        }
        throw errors.failure("swap pointer", location, e);
      }
    }
  }

  /**
   * A token this process swapped away from must not be swapped from successfully again unless the object has
   * come back to it (same bytes, same ETag: a namespace marker can); a second success without that means two
   * writers both replaced the same state, and one of their writes was overwritten.
   */
  private void noteConsumed(S3Location loc, String token) {
    if (consumedTokens.put(tokenKey(loc, token), Boolean.TRUE) == null) {
      return;
    }
    String sign = "two swaps of pointer " + loc + " from the same token " + token + " both succeeded";
    guard.distrust(loc.bucket(), sign);
    throw new CorruptTableException("Lost update on " + loc + " at " + errors.endpoint() + ": " + sign + ", so the "
        + "store's conditional writes are not atomic and a concurrent commit may have been overwritten. Run "
        + "'snaplog verify' and 'snaplog doctor'; commits are refused until the store passes the probe again",
        null, null, null);
  }

  /** The object is (again) at {@code token}: a later swap from it is legitimate. */
  private void noteCurrent(S3Location loc, String token) {
    consumedTokens.remove(tokenKey(loc, token));
  }

  private static String tokenKey(S3Location loc, String token) {
    return loc + "|" + ProbeReport.EtagForm.BARE.apply(token);
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
      conn.conditionalClient().deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()).ifMatch(guard.etagFormFor(loc).apply(expectedToken)));
    } catch (SdkException e) {
      if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e)) {
        throw new CommitRaceLostException("Pointer " + location + " changed before it could be deleted");
      }
      if (!S3Errors.isNotFound(e)) {
        throw errors.failure("delete pointer", location, e);
      }
    }
  }

  /**
   * A pointer with the store's clock as the response's {@code Date} header gave it (whole seconds, so the
   * estimate is at most a second behind the store; commit times and orphan horizons are judged by it). A
   * response without a readable date falls back to this machine's clock.
   */
  private static Pointer observed(byte[] bytes, GetObjectResponse response) {
    return observed(bytes, response.eTag(), response);
  }

  private static Pointer observed(byte[] bytes, software.amazon.awssdk.services.s3.model.PutObjectResponse response) {
    return observed(bytes, response.eTag(), response);
  }

  private static Pointer observed(byte[] bytes, String etag,
      software.amazon.awssdk.services.s3.model.S3Response response) {
    Optional<String> date = response.sdkHttpResponse().firstMatchingHeader("Date");
    if (date.isPresent()) {
      try {
        return Pointer.observedAt(bytes, etag, java.time.ZonedDateTime.parse(date.get(),
            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli());
      } catch (java.time.format.DateTimeParseException e) {
        // fall through to the local clock
      }
    }
    return new Pointer(bytes, etag);
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
        return observed(bytes.clone(), put(loc, bytes, null));
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
}
