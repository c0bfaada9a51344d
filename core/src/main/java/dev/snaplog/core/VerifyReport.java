package dev.snaplog.core;

import java.util.List;

/**
 * The result of checking every object reachable from a table's retained history.
 *
 * @param versionsChecked retained versions walked
 * @param objectsChecked distinct objects checked (metadata, log records, checkpoints, index, data files)
 * @param problems one line per missing or unreadable object, naming it and what refers to it
 */
public record VerifyReport(long versionsChecked, long objectsChecked, List<String> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
