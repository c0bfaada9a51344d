package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableScan;
import picocli.CommandLine.Option;

/**
 * Which snapshot a read uses: at most one of --snapshot, --as-of, --tag, --branch; none means the current one
 * (the head of main).
 */
public final class SnapshotSelector {
  @Option(names = "--snapshot", paramLabel = "ID", description = "Read the snapshot with this id.")
  Long snapshotId;

  @Option(names = "--as-of", paramLabel = "TIME",
      description = "Read the snapshot that was current at TIME (ISO-8601, local date-time in --zone, or -10m,"
          + " -2h, -1d).")
  String asOf;

  @Option(names = "--tag", paramLabel = "NAME", description = "Read the snapshot this tag names.")
  String tag;

  @Option(names = "--branch", paramLabel = "NAME",
      description = "Read the head of this branch ('main' is the current snapshot).")
  String branch;

  /** The scan of the selected snapshot; {@code selector} may be null (current snapshot). */
  static TableScan apply(SnapshotSelector selector, Table table, CliContext ctx) {
    TableScan scan = table.newScan();
    if (selector == null) {
      return scan;
    }
    if (selector.snapshotId != null) {
      return scan.useSnapshot(selector.snapshotId);
    }
    if (selector.asOf != null) {
      return scan.asOfTime(ctx.parseTime(selector.asOf));
    }
    if (selector.branch != null) {
      return scan.useBranch(selector.branch);
    }
    return scan.useTag(selector.tag);
  }
}
