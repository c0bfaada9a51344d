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
 * Refuses pointer writes to a store whose {@code If-Match} is missing or not atomic. The probe runs once per
 * JVM, endpoint and bucket, before the first pointer write there, so readers never pay for it and commits
 * after the first pay nothing. Concurrent first writers wait for the one probe in flight. A passing verdict
 * is remembered in the bucket for a day ({@link ProbeVerdictCache}), so a new process pays one GET.
 */
public final class ConditionalWriteGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConditionalWriteGuard.class);
  private static final ConcurrentHashMap<String, CompletableFuture<ProbeReport>> REPORTS = new ConcurrentHashMap<>();
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final S3Connection conn;
  private final S3Location probeRoot;

  public ConditionalWriteGuard(S3Connection conn, S3Location probeRoot) {
    this.conn = conn;
    this.probeRoot = probeRoot;
  }

  /**
   * @throws StorageException if the store failed the probe and verification is {@code REFUSE}
   */
  public void checkBeforePointerWrite(S3Location pointer, boolean create) {
    S3Config.Verification mode = conn.config().verification();
    if (mode == S3Config.Verification.OFF) {
      return;
    }
    ProbeReport report = reportFor(pointer.bucket());
    boolean createUnsafe = create && report.status(ProbeReport.Capability.IF_NONE_MATCH) == ProbeReport.Status.UNSUPPORTED;
    if (report.pointerSwapSafe() && !createUnsafe) {
      return;
    }
    if (mode == S3Config.Verification.REFUSE) {
      throw new StorageException("Refusing to " + (create ? "create" : "swap") + " pointer " + pointer
          + ": this store cannot guarantee an atomic commit.\n" + report.verdict(), pointer.toString());
    }
    if (WARNED.add(key(pointer.bucket()))) {
      LOG.warn("Committing although {}=warn and the store failed the probe:\n{}", S3Config.VERIFY_CONDITIONAL_WRITES,
          report.verdict());
    }
  }

  /** The cached report for a bucket of this connection's endpoint, probing if there is none yet. */
  public ProbeReport reportFor(String bucket) {
    String key = key(bucket);
    CompletableFuture<ProbeReport> mine = new CompletableFuture<>();
    CompletableFuture<ProbeReport> existing = REPORTS.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        S3Location root = probeRoot.bucket().equals(bucket) ? probeRoot : new S3Location(bucket, "");
        ProbeVerdictCache cache = new ProbeVerdictCache(conn, root);
        String endpoint = conn.errors().endpoint();
        ProbeReport report = cache.read(endpoint).orElseGet(() -> {
          ProbeReport fresh = new S3StoreProbe(conn, root.toString()).run();
          cache.remember(fresh, endpoint);
          return fresh;
        });
        mine.complete(report);
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

  /** Forgets every cached probe result (tests, or after a server upgrade in a long-lived process). */
  public static void forgetAll() {
    REPORTS.clear();
    WARNED.clear();
  }

  private String key(String bucket) {
    return conn.errors().endpoint() + "|" + bucket;
  }
}
