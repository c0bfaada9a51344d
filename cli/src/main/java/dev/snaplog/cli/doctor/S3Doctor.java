package dev.snaplog.cli.doctor;

import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.s3.ProbeReport;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3StoreProbe;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs s3-io's conformance probe, which tests the conditional PUTs themselves (If-None-Match, If-Match) with
 * concurrent requests, and turns its report into doctor's checks. Its verdict text is used as is: it already
 * says what to do.
 */
public final class S3Doctor {
  private S3Doctor() {}

  /**
   * Probes the store. A store that cannot be probed at all (it refuses the requests, answers 501 Not
   * Implemented, is unreachable) is a diagnosis too: not safe, with the store's answer and the fix.
   */
  public static Diagnosis diagnose(S3Connection connection, String warehouse, int threads, int rounds) {
    String store = "S3 (" + connection.errors().endpoint() + ")";
    ProbeReport report;
    try {
      report = new S3StoreProbe(connection, warehouse).rounds(rounds).concurrency(threads).run();
    } catch (StorageException e) {
      return new Diagnosis(store, List.of(new Check("write to and read from the warehouse", false, e.getMessage())),
          false, "NOT safe for Snaplog commits: the store could not be probed. " + e.getMessage());
    }
    List<Check> checks = new ArrayList<>();
    for (ProbeReport.Capability c : ProbeReport.Capability.values()) {
      ProbeReport.Result r = report.results().get(c);
      checks.add(new Check(c.label(), r.status() == ProbeReport.Status.OK, r.status().name().replace('_', ' ')
          + ": " + r.detail()));
    }
    String verdict = report.verdict();
    int at = verdict.indexOf("Verdict: ");
    return new Diagnosis("S3 (" + report.endpoint() + ", bucket " + report.bucket() + ")", checks,
        report.pointerSwapSafe(), at >= 0 ? verdict.substring(at + "Verdict: ".length()) : verdict);
  }
}
