package dev.snaplog.s3.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.s3.ProbeReport;
import dev.snaplog.s3.S3Connection;
import dev.snaplog.s3.S3Location;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Connection conn;
  private final S3Location location;

  ProbeVerdictCache(S3Connection conn, S3Location root) {
    this.conn = conn;
    this.location = root.resolve("_conformance.json");
  }

  Optional<ProbeReport> read(String endpoint) {
    try {
      JsonNode body = JSON.readTree(conn.client().getObjectAsBytes(b -> b.bucket(location.bucket())
          .key(location.key())).asByteArray());
      if (!endpoint.equals(body.path("endpoint").asText()) || !body.path("safe").asBoolean(false)
          || !body.path("probed-ms").canConvertToLong()) {
        return Optional.empty();
      }
      Instant at = Instant.ofEpochMilli(body.path("probed-ms").asLong());
      if (at.plus(TTL).isBefore(Instant.now()) || at.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
        return Optional.empty();
      }
      Map<ProbeReport.Capability, ProbeReport.Result> results = new EnumMap<>(ProbeReport.Capability.class);
      for (ProbeReport.Capability c : ProbeReport.Capability.values()) {
        results.put(c, new ProbeReport.Result(ProbeReport.Status.OK, "passed the probe at " + at + " (remembered in "
            + location + ")"));
      }
      return Optional.of(new ProbeReport(endpoint, location.bucket(), results));
    } catch (RuntimeException | java.io.IOException e) {
      return Optional.empty(); // absent, unreadable or no permission: probe instead
    }
  }

  void remember(ProbeReport report, String endpoint) {
    boolean safe = report.pointerSwapSafe()
        && report.status(ProbeReport.Capability.IF_NONE_MATCH) == ProbeReport.Status.OK;
    if (!safe) {
      return;
    }
    ObjectNode body = JSON.createObjectNode().put("format-version", 1).put("endpoint", endpoint).put("safe", true)
        .put("probed-ms", System.currentTimeMillis());
    try {
      conn.client().putObject(b -> b.bucket(location.bucket()).key(location.key()),
          RequestBody.fromBytes(JSON.writeValueAsBytes(body)));
    } catch (RuntimeException | java.io.IOException e) {
      LOG.debug("Could not remember the probe verdict at {}: {}", location, e.getMessage());
    }
  }
}
