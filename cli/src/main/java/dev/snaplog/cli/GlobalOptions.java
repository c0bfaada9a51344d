package dev.snaplog.cli;

import dev.snaplog.cli.output.Format;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name ({@code snaplog --format json log t} and
 * {@code snaplog log t --format json} are the same). Inherited by picocli into every subcommand; the values
 * land in this one object.
 */
public final class GlobalOptions {
  @Option(names = {"-w", "--warehouse"}, scope = ScopeType.INHERIT, paramLabel = "URI",
      description = "Warehouse root: a path, a file: URI or s3://bucket/prefix."
          + " Default: $SNAPLOG_WAREHOUSE, else ./warehouse.")
  String warehouse;

  @Option(names = "--format", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: table).")
  Format format = Format.TABLE;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
      description = "Print only what was asked for: no narration, no progress.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Log what happens and print stack traces of errors (-vv for debug logs).")
  boolean[] verbosity = new boolean[0];

  @Option(names = "--zone", scope = ScopeType.INHERIT, paramLabel = "ZONE",
      description = "Time zone for reading local date-times and printing times (default: the system zone,"
          + " from TZ or the OS).")
  String zone;

  @Option(names = "--s3-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "S3 endpoint, e.g. http://localhost:9000 for MinIO (default: $AWS_ENDPOINT_URL_S3,"
          + " $AWS_ENDPOINT_URL, else AWS).")
  String s3Endpoint;

  @Option(names = "--s3-region", scope = ScopeType.INHERIT, paramLabel = "REGION",
      description = "S3 region (default: $AWS_REGION, the profile's region, else us-east-1).")
  String s3Region;

  @Option(names = "--s3-path-style", scope = ScopeType.INHERIT, negatable = true,
      description = "Address buckets by path (http://host/bucket) as MinIO and most S3-compatible stores"
          + " need (default: off for AWS, on when an endpoint is given).")
  Boolean s3PathStyle;

  @Option(names = "--s3-profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "AWS profile for credentials and region (default: $AWS_PROFILE, else default).")
  String s3Profile;

  @Option(names = {"-P", "--catalog-property"}, scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
      description = "Any other catalog or storage property (repeatable).")
  Map<String, String> catalogProperties = new LinkedHashMap<>();

  int verbosity() {
    return verbosity.length;
  }

  /**
   * The catalog properties these options and the environment ask for. Credentials are deliberately not
   * options: the AWS SDK reads them from its usual places (environment, profile files, instance roles), so
   * secrets never appear in shell history or process listings.
   */
  Map<String, String> catalogProperties(Map<String, String> env) {
    Map<String, String> props = new LinkedHashMap<>(catalogProperties);
    String endpoint = firstNonNull(s3Endpoint, env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
    putIfPresent(props, "s3.endpoint", endpoint);
    putIfPresent(props, "s3.region", firstNonNull(s3Region, env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION")));
    Boolean pathStyle = s3PathStyle != null ? s3PathStyle : endpoint != null ? Boolean.TRUE : null;
    putIfPresent(props, "s3.path-style-access", pathStyle == null ? null : pathStyle.toString());
    return props;
  }

  /**
   * The AWS SDK reads the profile from the {@code aws.profile} system property (then AWS_PROFILE); s3-io has no
   * property for it, so --s3-profile sets that.
   */
  void applyProfile() {
    if (s3Profile != null && !s3Profile.isBlank()) {
      System.setProperty("aws.profile", s3Profile);
    }
  }

  private static void putIfPresent(Map<String, String> props, String key, String value) {
    if (value != null && !value.isBlank()) {
      props.putIfAbsent(key, value);
    }
  }

  private static String firstNonNull(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
