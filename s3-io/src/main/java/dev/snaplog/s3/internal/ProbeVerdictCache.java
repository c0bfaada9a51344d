package dev.snaplog.s3.internal;

import dev.snaplog.s3.ProbeReport;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Remembers a passing probe in the bucket ({@code _conformance.json} under the warehouse root) for a day, so
 * short-lived processes such as one CLI command pay one GET instead of a full probe. Only a passing verdict
 * is stored, and it names the endpoint, so a failing or different store is always probed afresh. Anything
 * unreadable is ignored and the store is probed.
 */
final class ProbeVerdictCache {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeVerdictCache.class);
  static final Duration TTL = Duration.ofHours(24);
  private static final Pattern PROBED = Pattern.compile("\"probed-ms\"\\s*:\\s*(\\d+)");
  private static final Pattern ENDPOINT = Pattern.compile("\"endpoint\"\\s*:\\s*\"([^\"]*)\"");

  private final S3Connection conn;
  private final S3Location location;

  ProbeVerdictCache(S3Connection conn, S3Location root) {
    this.conn = conn;
    this.location = root.resolve("_conformance.json");
  }

  Optional<ProbeReport> read(String endpoint) {
    try {
      String body = conn.client().getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()))
          .asString(StandardCharsets.UTF_8);
      Matcher probed = PROBED.matcher(body);
      Matcher ep = ENDPOINT.matcher(body);
      if (!probed.find() || !ep.find() || !ep.group(1).equals(endpoint) || !body.contains("\"safe\":true")) {
        return Optional.empty();
      }
      Instant at = Instant.ofEpochMilli(Long.parseLong(probed.group(1)));
      if (at.plus(TTL).isBefore(Instant.now()) || at.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
        return Optional.empty();
      }
      Map<ProbeReport.Capability, ProbeReport.Result> results = new EnumMap<>(ProbeReport.Capability.class);
      for (ProbeReport.Capability c : ProbeReport.Capability.values()) {
        results.put(c, new ProbeReport.Result(ProbeReport.Status.OK, "passed the probe at " + at + " (remembered in "
            + location + ")"));
      }
      return Optional.of(new ProbeReport(endpoint, location.bucket(), results));
    } catch (RuntimeException e) {
      return Optional.empty(); // absent, unreadable or no permission: probe instead
    }
  }

  void remember(ProbeReport report, String endpoint) {
    boolean safe = report.pointerSwapSafe()
        && report.status(ProbeReport.Capability.IF_NONE_MATCH) == ProbeReport.Status.OK;
    if (!safe) {
      return;
    }
    String body = "{\"format-version\":1,\"endpoint\":\"" + endpoint.replace("\"", "") + "\",\"safe\":true,"
        + "\"probed-ms\":" + System.currentTimeMillis() + "}";
    try {
      conn.client().putObject(b -> b.bucket(location.bucket()).key(location.key()), RequestBody.fromString(body));
    } catch (RuntimeException e) {
      LOG.debug("Could not remember the probe verdict at {}: {}", location, e.getMessage());
    }
  }
}
