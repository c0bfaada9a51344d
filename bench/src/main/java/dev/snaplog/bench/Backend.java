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

  BenchTable create(String system, String name, Map<String, String> props);

  BenchTable open(String system, String name);

  @Override
  void close();
}
