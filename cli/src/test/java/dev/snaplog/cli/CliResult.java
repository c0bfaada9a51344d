package dev.snaplog.cli;

import java.util.List;

/** What one run of the command printed and returned. */
public record CliResult(int exitCode, String stdout, String stderr) {
  public List<String> stdoutLines() {
    return stdout.lines().toList();
  }

  public List<String> stderrLines() {
    return stderr.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
