package dev.snaplog.s3.internal;

import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * One round of the conformance probe's race: {@code n} conditional PUTs released at once on one key, each
 * with distinct content, then a read of what was stored. Sent once each (no retries), so every 200 is a win.
 */
public final class ConditionalRace {
  /**
   * @param winners writers that got 200
   * @param unknown writers whose outcome is unknown (5xx, broken connection)
   * @param finalWriter index of the writer whose content is stored, or -1 if none of this round's
   * @param firstError an unexpected error (neither 412 nor 409), or null
   */
  public record Outcome(Set<Integer> winners, Set<Integer> unknown, int finalWriter, String firstError) {
    /** More than one request applied: more than one 200, or stored content from someone who did not win. */
    public boolean notAtomic() {
      if (winners.size() > 1) {
        return true;
      }
      return finalWriter >= 0 && !winners.contains(finalWriter) && (!winners.isEmpty() || !unknown.contains(finalWriter));
    }

    /** Exactly one winner whose content is what is stored. */
    public boolean conclusiveSingleWinner() {
      return winners.size() == 1 && winners.contains(finalWriter);
    }
  }

  private ConditionalRace() {}

  /**
   * Runs the race.
   *
   * @param ifMatch the ETag to present, or null for {@code If-None-Match: *}
   */
  public static Outcome run(S3Connection conn, ExecutorService pool, S3Location key, int n, String ifMatch,
      String tag) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] body = content(tag, i);
      futures.add(pool.submit(() -> {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(key.bucket()).key(key.key())
            .contentLength((long) body.length);
        if (ifMatch == null) {
          req.ifNoneMatch("*");
        } else {
          req.ifMatch(ifMatch);
        }
        start.await();
        try {
          conn.conditionalClient().putObject(req.build(), RequestBody.fromBytes(body));
          return "won";
        } catch (SdkException e) {
          if (S3Errors.isPreconditionFailed(e) || S3Errors.isConditionalConflict(e)) {
            return "lost";
          }
          if (S3Errors.isOutcomeUnknown(e)) {
            return "unknown";
          }
          return "error: " + conn.errors().describe(key.toString(), e);
        }
      }));
    }
    start.countDown();
    Set<Integer> winners = new HashSet<>();
    Set<Integer> unknown = new HashSet<>();
    String firstError = null;
    for (int i = 0; i < n; i++) {
      String r;
      try {
        r = futures.get(i).get();
      } catch (ExecutionException e) {
        r = "error: " + e.getCause();
      }
      if (r.equals("won")) {
        winners.add(i);
      } else if (r.equals("unknown")) {
        unknown.add(i);
      } else if (r.startsWith("error") && firstError == null) {
        firstError = r;
      }
    }
    return new Outcome(winners, unknown, storedWriter(conn, key, tag), firstError);
  }

  private static int storedWriter(S3Connection conn, S3Location key, String tag) {
    try {
      String stored = conn.client().getObjectAsBytes(b -> b.bucket(key.bucket()).key(key.key())).asUtf8String();
      String prefix = tag + "-writer-";
      return stored.startsWith(prefix) ? Integer.parseInt(stored.substring(prefix.length())) : -1;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return -1;
      }
      throw conn.errors().failure("read probe object", key.toString(), e);
    }
  }

  private static byte[] content(String tag, int writer) {
    return (tag + "-writer-" + writer).getBytes(StandardCharsets.UTF_8);
  }
}
