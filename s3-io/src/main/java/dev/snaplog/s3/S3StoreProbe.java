package dev.snaplog.s3;

import dev.snaplog.core.io.ObjectInfo;
import dev.snaplog.s3.ProbeReport.Capability;
import dev.snaplog.s3.ProbeReport.EtagForm;
import dev.snaplog.s3.ProbeReport.Result;
import dev.snaplog.s3.ProbeReport.Status;
import dev.snaplog.s3.internal.ConditionalRace;
import dev.snaplog.s3.internal.S3Errors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The store conformance probe ({@code snaplog doctor}): checks that an S3-compatible store gives what the
 * commit protocol relies on. Several servers accept conditional headers yet let concurrent conditional PUTs
 * all succeed, which would silently lose commits; a single request cannot show that, so each atomicity check
 * races many conditional PUTs on one key over several rounds and stops at the first round with two winners.
 *
 * <p>Writes only below the scratch location given (a hidden {@code .snaplog-probe/<uuid>/} folder) and
 * deletes what it wrote. Cost: about {@code 2 * rounds * concurrency} PUTs plus a few dozen requests.
 */
public final class S3StoreProbe {
  private static final Logger LOG = LoggerFactory.getLogger(S3StoreProbe.class);

  private final S3Connection conn;
  private final S3Location scratch;
  private int rounds;
  private int concurrency;
  private EtagForm etagForm = EtagForm.QUOTED;

  /**
   * @param connection the store to probe
   * @param location {@code s3://bucket/prefix} under which the probe may write scratch objects
   */
  public S3StoreProbe(S3Connection connection, String location) {
    this.conn = connection;
    this.scratch = S3Location.parse(location).resolve(".snaplog-probe/" + UUID.randomUUID());
    this.rounds = connection.config().probeRounds();
    this.concurrency = connection.config().probeConcurrency();
  }

  /** Rounds per atomicity check; more rounds catch rarer races. */
  public S3StoreProbe rounds(int rounds) {
    this.rounds = Math.max(1, rounds);
    return this;
  }

  /** Concurrent requests per round. */
  public S3StoreProbe concurrency(int concurrency) {
    this.concurrency = Math.max(2, concurrency);
    return this;
  }

  /** Runs every check and cleans up. Failures of the store itself (no access, no bucket) are thrown. */
  public ProbeReport run() {
    Map<Capability, Result> results = new EnumMap<>(Capability.class);
    ExecutorService pool = newPool();
    try {
      Result raw = readAfterWrite();
      results.put(Capability.READ_AFTER_WRITE, raw);
      if (raw.status() == Status.OK) {
        results.put(Capability.IF_NONE_MATCH, ifNoneMatch(pool));
        results.put(Capability.IF_MATCH, ifMatch(pool));
      } else {
        Result skipped = new Result(Status.UNSUPPORTED, "not checked: plain writes and reads already failed");
        results.put(Capability.IF_NONE_MATCH, skipped);
        results.put(Capability.IF_MATCH, skipped);
      }
    } catch (SdkException e) {
      throw conn.errors().failure("probe the store", scratch.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while probing " + scratch, e);
    } finally {
      pool.shutdownNow();
      cleanUp();
    }
    ProbeReport report = new ProbeReport(conn.errors().endpoint(), scratch.bucket(), results, etagForm);
    LOG.info("{}", report.verdict());
    return report;
  }

  private ExecutorService newPool() {
    return Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "snaplog-s3-probe");
      t.setDaemon(true);
      return t;
    });
  }

  private Result readAfterWrite() {
    for (int i = 0; i < 3; i++) {
      S3Location key = scratch.resolve("raw-" + i);
      for (int version = 0; version < 2; version++) {
        byte[] body = ("raw-" + i + "-v" + version + "-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        int status = put(key, body, null, null);
        if (status != 200) {
          return new Result(Status.UNSUPPORTED, "a plain PUT was refused with HTTP " + status
              + (status == 501 ? " (Not Implemented): this server does not implement S3 object writes" : ""));
        }
        byte[] read = conn.client().getObjectAsBytes(b -> b.bucket(key.bucket()).key(key.key())).asByteArray();
        if (!Arrays.equals(read, body)) {
          return new Result(Status.UNSUPPORTED, "a GET right after a PUT returned older content");
        }
      }
      List<ObjectInfo> listed = new S3ObjectStore(conn, false).list(scratch.toString());
      if (listed.stream().noneMatch(o -> o.location().equals(key.toString()))) {
        return new Result(Status.UNSUPPORTED, "a LIST right after a PUT did not show the new object");
      }
    }
    return new Result(Status.OK, "GET and LIST saw every write at once");
  }

  private Result ifNoneMatch(ExecutorService pool) throws InterruptedException {
    S3Location key = scratch.resolve("inm-support");
    int first = put(key, bytes("first"), null, "*");
    if (first != 200) {
      return new Result(Status.UNSUPPORTED, "a create-only PUT of a new key was rejected with HTTP " + first);
    }
    int second = put(key, bytes("second"), null, "*");
    if (second == 200) {
      return new Result(Status.UNSUPPORTED, "the header is ignored: a create-only PUT overwrote an existing object");
    }
    if (second != 412 && second != 409) {
      return new Result(Status.UNSUPPORTED, "a create-only PUT of an existing key answered HTTP " + second
          + " instead of 412");
    }
    int conclusive = 0;
    for (int round = 1; round <= rounds; round++) {
      S3Location raceKey = scratch.resolve("inm-race-" + round);
      ConditionalRace.Outcome o = ConditionalRace.run(conn, pool, raceKey, concurrency, null, "inm-" + round);
      if (o.notAtomic()) {
        return new Result(Status.NOT_ATOMIC, o.winners().size() + " of " + concurrency + " concurrent create-only PUTs"
            + " of one new key succeeded (round " + round + " of " + rounds + ")");
      }
      conclusive += o.conclusiveSingleWinner() ? 1 : 0;
      if (o.firstError() != null) {
        LOG.debug("probe round {}: {}", round, o.firstError());
      }
    }
    return atomicResult(conclusive, "create-only PUTs of one new key");
  }

  /**
   * Learns the ETag form the store matches (quoted as returned, else bare), then checks with that form that a
   * stale ETag is refused and that concurrent swaps have one winner.
   */
  private Result ifMatch(ExecutorService pool) throws InterruptedException {
    S3Location key = scratch.resolve("im-support");
    String etag = putForEtag(key, bytes("base"));
    int current = put(key, bytes("current"), EtagForm.QUOTED.apply(etag), null);
    if (current == 412 || current == 409) {
      int bare = put(key, bytes("current"), EtagForm.BARE.apply(etag), null);
      if (bare == 200) {
        etagForm = EtagForm.BARE;
      }
      current = bare;
    }
    if (current != 200) {
      return new Result(Status.UNSUPPORTED, "a PUT with the current ETag was refused with HTTP " + current
          + " in both the quoted and the bare form");
    }
    int stale = put(key, bytes("stale"), etagForm.apply(etag), null);
    if (stale == 200) {
      return new Result(Status.UNSUPPORTED, "the header is ignored: a PUT with a stale ETag replaced the object");
    }
    if (stale != 412 && stale != 409) {
      return new Result(Status.UNSUPPORTED, "a PUT with a stale ETag answered HTTP " + stale + " instead of 412");
    }
    return swapRaces(pool, etagForm);
  }

  private Result swapRaces(ExecutorService pool, EtagForm form) throws InterruptedException {
    int conclusive = 0;
    S3Location raceKey = scratch.resolve("im-race");
    for (int round = 1; round <= rounds; round++) {
      String roundEtag = form.apply(putForEtag(raceKey, bytes("im-base-" + round + "-" + UUID.randomUUID())));
      ConditionalRace.Outcome o = ConditionalRace.run(conn, pool, raceKey, concurrency, roundEtag, "im-" + round);
      if (o.notAtomic()) {
        return new Result(Status.NOT_ATOMIC, o.winners().size() + " of " + concurrency + " concurrent PUTs on one ETag"
            + " succeeded" + (o.winners().size() <= 1 ? " and a losing write was stored" : "") + " (round " + round
            + " of " + rounds + ")");
      }
      conclusive += o.conclusiveSingleWinner() ? 1 : 0;
    }
    return atomicResult(conclusive, "PUTs on one ETag" + (form == EtagForm.BARE ? " (ETag sent without quotes,"
        + " the only form this store matches)" : ""));
  }

  /**
   * A quick re-check of a remembered verdict: the compare-and-swap race alone, with the ETag form the full probe
   * learned, for the rounds and concurrency set on this probe. A store that stopped being atomic since it was
   * probed shows it here with good odds (non-atomic servers let several writers win in most rounds).
   *
   * @return OK, or NOT_ATOMIC / UNSUPPORTED with what was seen
   */
  public Result recheckSwap(EtagForm form) {
    ExecutorService pool = newPool();
    try {
      return swapRaces(pool, form);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while probing " + scratch, e);
    } finally {
      pool.shutdownNow();
      cleanUp();
    }
  }

  private Result atomicResult(int conclusive, String what) {
    if (conclusive == 0) {
      return new Result(Status.UNSUPPORTED, "no round of concurrent " + what + " produced a clear single winner");
    }
    return new Result(Status.OK, "exactly one winner among " + concurrency + " concurrent " + what + " in "
        + conclusive + " of " + rounds + " rounds, none with more");
  }

  /** One PUT sent once; returns its HTTP status (200 on success). Failures without a status are thrown. */
  private int put(S3Location key, byte[] body, String ifMatch, String ifNoneMatch) {
    try {
      conn.conditionalClient().putObject(PutObjectRequest.builder().bucket(key.bucket()).key(key.key())
          .ifMatch(ifMatch).ifNoneMatch(ifNoneMatch).build(), RequestBody.fromBytes(body));
      return 200;
    } catch (SdkException e) {
      if (S3Errors.statusCode(e) > 0 && S3Errors.statusCode(e) != 403 && S3Errors.statusCode(e) != 404) {
        return S3Errors.statusCode(e);
      }
      throw conn.errors().failure("probe write", key.toString(), e);
    }
  }

  private String putForEtag(S3Location key, byte[] body) {
    try {
      return conn.client().putObject(b -> b.bucket(key.bucket()).key(key.key()), RequestBody.fromBytes(body)).eTag();
    } catch (SdkException e) {
      throw conn.errors().failure("probe write", key.toString(), e);
    }
  }

  private void cleanUp() {
    try {
      S3ObjectStore store = new S3ObjectStore(conn, false);
      store.deleteAll(store.list(scratch.toString()).stream().map(ObjectInfo::location).toList());
    } catch (RuntimeException e) {
      LOG.warn("Could not remove the probe's scratch objects under {}: {}", scratch, e.getMessage());
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
