package dev.snaplog.cli;

import java.util.Map;

/** The flow in a child JVM on the test class path: a real process, runnable in the test phase. */
class ChildJvmFlowTest extends CliFlowContract {
  @Override
  CliRunner runner() {
    return CliRunner.childJvm();
  }

  @Override
  Map<String, String> env() {
    return Map.of("SNAPLOG_WAREHOUSE", tmp.resolve("warehouse").toString());
  }
}
