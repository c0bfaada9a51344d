package dev.snaplog.bench;

import java.io.Closeable;
import java.util.Map;

/**
 * Where a workload's tables live: the local filesystem or the S3 test server. Opens tables of both systems
 * by name, each handle with its own request counters, the way a separate writer process would.
 */
interface Backend extends Closeable {
  /** Short name for the results table, e.g. "local FS". */
  String label();

  /** Creates ({@code create}) or loads the table {@code name} of {@code system} with a new handle. */
  BenchTable table(String system, String name, Map<String, String> props, boolean create);

  default BenchTable create(String system, String name, Map<String, String> props) {
    return table(system, name, props, true);
  }

  default BenchTable open(String system, String name) {
    return table(system, name, Map.of(), false);
  }

  @Override
  void close();
}
