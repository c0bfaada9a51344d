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
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Remembers a passing probe in the bucket ({@code _conformance.json} under the warehouse root) for a day, so
 * short-lived processes such as one CLI command pay one GET instead of a full probe. Only a passing verdict is
 * stored, and it is bound to the store that passed: it is used only if
 * <ul>
 *   <li>the endpoint and bucket are the ones probed,
 *   <li>the server names itself as it did then (the {@code Server} response header), and
 *   <li>the object's own {@code Last-Modified}, set by the server when the probe wrote it, matches the server
 *       time the probe recorded: a verdict copied to another store along with the data (a bucket migration,
 *       a different server behind the same URL) carries the copy's time and is ignored.
 * </ul>
 * Anything else, including an unreadable or older-format verdict, means the store is probed afresh.
 */
final class ProbeVerdictCache {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeVerdictCache.class);
  static final Duration TTL = Duration.ofHours(24);
  private static final Duration WRITE_SLACK = Duration.ofMinutes(2);
  private static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Connection conn;
  private final S3Location location;

  ProbeVerdictCache(S3Connection conn, S3Location root) {
    this.conn = conn;
    this.location = root.resolve("_conformance.json");
  }

  S3Location location() {
    return location;
  }

  Optional<ProbeReport> read(String endpoint) {
    try {
      ResponseBytes<GetObjectResponse> r = conn.client().getObjectAsBytes(b -> b.bucket(location.bucket())
          .key(location.key()));
      JsonNode body = JSON.readTree(r.asByteArray());
      if (body.path("format-version").asInt() != FORMAT || !endpoint.equals(body.path("endpoint").asText())
          || !location.bucket().equals(body.path("bucket").asText()) || !body.path("safe").asBoolean(false)
          || !body.path("probed-ms").canConvertToLong() || !body.path("server-time-ms").canConvertToLong()) {
        return Optional.empty();
      }
      if (!server(r.response().sdkHttpResponse()).equals(body.path("server").asText())) {
        LOG.info("The server at {} names itself differently than when it was probed; probing again", endpoint);
        return Optional.empty();
      }
      Instant written = r.response().lastModified();
      Instant serverTime = Instant.ofEpochMilli(body.path("server-time-ms").asLong());
      if (written == null || Duration.between(serverTime, written).abs().compareTo(WRITE_SLACK) > 0) {
        LOG.info("The probe verdict at {} was not written by this store's probe; probing again", location);
        return Optional.empty();
      }
      Instant at = Instant.ofEpochMilli(body.path("probed-ms").asLong());
      if (at.plus(TTL).isBefore(Instant.now()) || at.isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
        return Optional.empty();
      }
      ProbeReport.EtagForm form = ProbeReport.EtagForm.valueOf(body.path("etag-form").asText("QUOTED"));
      Map<ProbeReport.Capability, ProbeReport.Result> results = new EnumMap<>(ProbeReport.Capability.class);
      for (ProbeReport.Capability c : ProbeReport.Capability.values()) {
        results.put(c, new ProbeReport.Result(ProbeReport.Status.OK, "passed the probe at " + at + " (remembered in "
            + location + ")"));
      }
      return Optional.of(new ProbeReport(endpoint, location.bucket(), results, form));
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
    try {
      SdkHttpResponse head = conn.client().headBucket(b -> b.bucket(location.bucket())).sdkHttpResponse();
      long serverTime = head.firstMatchingHeader("Date").map(d -> java.time.ZonedDateTime.parse(d,
          java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli())
          .orElse(System.currentTimeMillis());
      ObjectNode body = JSON.createObjectNode().put("format-version", FORMAT).put("endpoint", endpoint)
          .put("bucket", location.bucket()).put("server", server(head)).put("safe", true)
          .put("etag-form", report.etagForm().name()).put("probed-ms", System.currentTimeMillis())
          .put("server-time-ms", serverTime);
      conn.client().putObject(b -> b.bucket(location.bucket()).key(location.key()),
          RequestBody.fromBytes(JSON.writeValueAsBytes(body)));
    } catch (RuntimeException | java.io.IOException e) {
      LOG.debug("Could not remember the probe verdict at {}: {}", location, e.getMessage());
    }
  }

  /** Removes the remembered verdict, so every process probes again before its next pointer write. */
  void forget() {
    try {
      conn.client().deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
    } catch (RuntimeException e) {
      LOG.warn("Could not remove the probe verdict at {}: {}", location, e.getMessage());
    }
  }

  private static String server(SdkHttpResponse response) {
    return response.firstMatchingHeader("Server").orElse("");
  }
}
