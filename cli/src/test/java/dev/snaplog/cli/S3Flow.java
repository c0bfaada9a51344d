package dev.snaplog.cli;

import dev.snaplog.s3.testing.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where the S3 flows run: the s3-io harness's server, a fresh warehouse prefix per test. */
final class S3Flow {
  private S3Flow() {}

  static Map<String, String> env(String warehouse) {
    return Map.of("SNAPLOG_WAREHOUSE", warehouse);
  }

  /** The harness's endpoint, region and credentials as global options, as a user would pass them. */
  static List<String> globalArgs(S3TestServer s3) {
    List<String> args = new ArrayList<>();
    for (Map.Entry<String, String> e : s3.properties().entrySet()) {
      args.add("-P");
      args.add(e.getKey() + "=" + e.getValue());
    }
    return args;
  }
}
