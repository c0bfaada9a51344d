package dev.snaplog.s3.internal;

import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.s3.ProbeReport;
import dev.snaplog.s3.S3Config;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import dev.snaplog.s3.S3StoreProbe;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses pointer writes to a store whose {@code If-Match} is missing or not atomic, and tells the pointer store
 * which ETag form the store matches. The probe runs once per JVM, endpoint and bucket, before the first pointer
 * write there, so readers never pay for it and commits after the first pay nothing. Concurrent first writers
 * wait for the one probe in flight.
 *
 * <p>A passing verdict is remembered in the bucket for a day, bound to the store that passed
 * ({@link ProbeVerdictCache}); a process that finds it still re-runs the compare-and-swap race once (one round,
 * about {@code concurrency + 1} PUTs) before trusting it, so a store that stopped being atomic is caught. Any
 * sign of non-atomicity seen later ({@link #distrust}) drops both the in-memory and the remembered verdict.
 */
public final class ConditionalWriteGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConditionalWriteGuard.class);
  private static final ConcurrentHashMap<String, CompletableFuture<ProbeReport>> REPORTS = new ConcurrentHashMap<>();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
  private static final int RECHECK_CONCURRENCY = 8;

  private final S3Connection conn;
  private final S3Location probeRoot;

  public ConditionalWriteGuard(S3Connection conn, S3Location probeRoot) {
    this.conn = conn;
    this.probeRoot = probeRoot;
  }

  /**
   * Checks the store before a pointer write and returns the ETag form to send in {@code If-Match}.
   *
   * @throws StorageException if the store failed the probe and verification is {@code REFUSE}
   */
  public ProbeReport.EtagForm checkBeforePointerWrite(S3Location pointer, boolean create) {
    S3Config.Verification mode = conn.config().verification();
    if (mode == S3Config.Verification.OFF) {
      return ProbeReport.EtagForm.QUOTED; // as AWS documents it; stores that differ need the probe
    }
    ProbeReport report = reportFor(pointer.bucket());
    boolean createUnsafe = create && report.status(ProbeReport.Capability.IF_NONE_MATCH) == ProbeReport.Status.UNSUPPORTED;
    if (report.pointerSwapSafe() && !createUnsafe) {
      return report.etagForm();
    }
    if (mode == S3Config.Verification.REFUSE) {
      throw new StorageException("Refusing to " + (create ? "create" : "swap") + " pointer " + pointer
          + ": this store cannot guarantee an atomic commit.\n" + report.verdict(), pointer.toString());
    }
    if (WARNED.add(key(pointer.bucket()))) {
      LOG.warn("Committing although {}=warn and the store failed the probe:\n{}", S3Config.VERIFY_CONDITIONAL_WRITES,
          report.verdict());
    }
    return report.etagForm();
  }

  /**
   * The ETag form to send in {@code If-Match} to this store, probing it if need be but refusing nothing: for
   * writes that must work on any store, such as the conditional delete of a dropped table's pointer.
   */
  public ProbeReport.EtagForm etagFormFor(S3Location pointer) {
    return conn.config().verification() == S3Config.Verification.OFF ? ProbeReport.EtagForm.QUOTED
        : reportFor(pointer.bucket()).etagForm();
  }

  /** The cached report for a bucket of this connection's endpoint, probing if there is none yet. */
  public ProbeReport reportFor(String bucket) {
    String key = key(bucket);
    CompletableFuture<ProbeReport> mine = new CompletableFuture<>();
    CompletableFuture<ProbeReport> existing = REPORTS.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        mine.complete(probeOrRecall(bucket));
      } catch (RuntimeException e) {
        REPORTS.remove(key, mine); // a failed probe (no permission, no bucket) is retried by the next writer
        mine.completeExceptionally(e);
      }
      existing = mine;
    }
    try {
      return existing.join();
    } catch (CompletionException e) {
      String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      throw new StorageException("Could not verify that the store at " + conn.errors().endpoint() + " supports atomic "
          + "conditional writes in bucket '" + bucket + "': " + why + ". Fix: grant PUT, GET, LIST and DELETE under "
          + probeRoot + ", or set " + S3Config.VERIFY_CONDITIONAL_WRITES + "=false to skip the check",
          probeRoot.toString());
    }
  }

  private ProbeReport probeOrRecall(String bucket) {
    S3Location root = root(bucket);
    ProbeVerdictCache cache = new ProbeVerdictCache(conn, root);
    String endpoint = conn.errors().endpoint();
    var remembered = cache.read(endpoint);
    if (remembered.isPresent()) {
      ProbeReport.Result recheck = new S3StoreProbe(conn, root.toString()).rounds(1)
          .concurrency(Math.min(RECHECK_CONCURRENCY, conn.config().probeConcurrency()))
          .recheckSwap(remembered.get().etagForm());
      if (recheck.status() == ProbeReport.Status.OK) {
        return remembered.get();
      }
      LOG.error("The store at {} passed the probe earlier but failed a re-check now ({}); forgetting the verdict "
          + "and probing again", endpoint, recheck.detail());
      cache.forget();
    }
    ProbeReport fresh = new S3StoreProbe(conn, root.toString()).run();
    cache.remember(fresh, endpoint);
    return fresh;
  }

  /**
   * Called on a sign that the store's conditional writes are not atomic (for example two swaps from the same
   * ETag that both succeeded): drops this JVM's verdict and the remembered one, so the next pointer write in any
   * process probes the store again, and says so loudly.
   */
  public void distrust(String bucket, String sign) {
    LOG.error("Sign of a non-atomic store at {} (bucket '{}'): {}. The cached probe verdict is dropped; the next "
        + "commit probes the store again", conn.errors().endpoint(), bucket, sign);
    REPORTS.remove(key(bucket));
    new ProbeVerdictCache(conn, root(bucket)).forget();
  }

  /** Forgets every cached probe result (tests, or after a server upgrade in a long-lived process). */
  public static void forgetAll() {
    REPORTS.clear();
    WARNED.clear();
  }

  private S3Location root(String bucket) {
    return probeRoot.bucket().equals(bucket) ? probeRoot : new S3Location(bucket, "");
  }

  private String key(String bucket) {
    return conn.errors().endpoint() + "|" + bucket;
  }
}
