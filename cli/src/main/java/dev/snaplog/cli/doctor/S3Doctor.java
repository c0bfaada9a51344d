package dev.snaplog.cli.doctor;

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

  public static Diagnosis diagnose(S3Connection connection, String warehouse, int threads, int rounds) {
    ProbeReport report = new S3StoreProbe(connection, warehouse).rounds(rounds).concurrency(threads).run();
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
