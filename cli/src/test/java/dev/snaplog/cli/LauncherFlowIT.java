package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow through bin/snaplog and the shaded jar, exactly as a user runs it (failsafe, after package). */
class LauncherFlowIT extends CliFlowContract {
  @Override
  CliRunner runner() {
    return CliRunner.launcher();
  }

  @Override
  Map<String, String> env() {
    return Map.of("SNAPLOG_WAREHOUSE", tmp.resolve("warehouse").toString());
  }

  @Test
  void versionAndHelp() {
    CliResult v = ok("--version");
    assertThat(v.stdout()).startsWith("snaplog ").contains("Java");
    assertThat(ok("--help").stdout()).contains("Usage: snaplog", "scan", "rollback", "Exit codes");
    assertThat(ok("generate-completion").stdout()).contains("complete -F");
  }

  @Test
  void demoRunsOnAnEmptyWarehouse() {
    CliResult demo = ok("demo");
    assertThat(demo.stdout()).contains("Time travel", "Roll back", "full-load");
  }
}
