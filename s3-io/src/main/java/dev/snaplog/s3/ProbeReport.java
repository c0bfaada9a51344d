package dev.snaplog.s3;

import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link S3StoreProbe} found on one store: a status per capability and a plain-language verdict.
 *
 * @param endpoint the endpoint probed, as shown in messages
 * @param bucket the bucket probed
 * @param results one result per capability
 * @param etagForm the form of the ETag the store matches {@code If-Match} against
 */
public record ProbeReport(String endpoint, String bucket, Map<Capability, Result> results, EtagForm etagForm) {
  /**
   * How an ETag must be written in {@code If-Match} for the store to match it. AWS S3 and MinIO match the
   * quoted form their responses carry; Ceph RGW 16 matches only the bare value and answers 412 to the quoted
   * one. The probe learns the form once per store, so no request ever guesses.
   */
  public enum EtagForm {
    /** As the server returns it, with the surrounding double quotes (AWS S3, MinIO). */
    QUOTED,
    /** Without the surrounding double quotes (Ceph RGW). */
    BARE;

    /** {@code etag} written in this form. */
    public String apply(String etag) {
      if (etag == null) {
        return null;
      }
      String bare = etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
          ? etag.substring(1, etag.length() - 1) : etag;
      return this == BARE ? bare : "\"" + bare + "\"";
    }
  }

  /** What the probe checks. */
  public enum Capability {
    /** A GET, HEAD or LIST right after a PUT sees the new object. */
    READ_AFTER_WRITE("read-after-write"),
    /** {@code PUT If-None-Match: *} refuses an existing key, and exactly one of concurrent creators wins. */
    IF_NONE_MATCH("If-None-Match: * (create-only PUT)"),
    /** {@code PUT If-Match: <etag>} refuses a stale ETag, and exactly one of concurrent swappers wins. */
    IF_MATCH("If-Match (compare-and-swap PUT)");

    private final String label;

    Capability(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The outcome for one capability. */
  public enum Status {
    OK,
    /** The server rejects or ignores the feature (or, for read-after-write, does not give it). */
    UNSUPPORTED,
    /** The server honours the header alone but lets more than one concurrent request win. */
    NOT_ATOMIC
  }

  /**
   * @param status the outcome
   * @param detail what was observed, e.g. "3 of 24 concurrent PUTs on one ETag succeeded in round 2 of 25"
   */
  public record Result(Status status, String detail) {}

  public ProbeReport {
    results = Map.copyOf(new EnumMap<>(results));
    etagForm = etagForm == null ? EtagForm.QUOTED : etagForm;
  }

  public Status status(Capability capability) {
    return results.get(capability).status();
  }

  /** True if the pointer swap, and so a commit, is safe on this store. */
  public boolean pointerSwapSafe() {
    return status(Capability.IF_MATCH) == Status.OK && status(Capability.READ_AFTER_WRITE) == Status.OK;
  }

  /** A few lines for people: each capability, then whether commits are safe and what to do if not. */
  public String verdict() {
    StringBuilder sb = new StringBuilder("S3 store probe of bucket '").append(bucket).append("' at ")
        .append(endpoint).append(":\n");
    for (Capability c : Capability.values()) {
      Result r = results.get(c);
      sb.append("  ").append(c.label()).append(": ").append(r.status().name().replace('_', ' '))
          .append(" - ").append(r.detail()).append('\n');
    }
    if (pointerSwapSafe()) {
      sb.append("Verdict: safe for Snaplog commits; the pointer compare-and-swap is atomic.");
      if (etagForm == EtagForm.BARE) {
        sb.append(" The store matches If-Match only against the ETag without quotes; Snaplog sends that form.");
      }
      if (status(Capability.IF_NONE_MATCH) != Status.OK) {
        sb.append(" But two writers creating the same table at the same moment may both succeed and one "
            + "creation would be lost: create each table from one process.");
      }
    } else {
      sb.append("Verdict: NOT safe for Snaplog commits. Two writers could both commit on top of the same version "
          + "and one of the commits would be silently lost. Use a store whose conditional writes pass this probe "
          + "(AWS S3, MinIO, Ceph RGW). Commits to it are refused unless " + S3Config.VERIFY_CONDITIONAL_WRITES
          + "=false is set, at your own risk.");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return verdict();
  }
}
