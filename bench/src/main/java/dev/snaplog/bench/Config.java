package dev.snaplog.bench;

import java.nio.file.Path;

/**
 * Sizes of one run. {@code full} is what the issue asks for; {@code quick} fits in ten minutes on two cores;
 * {@code smoke} is the seconds-long variant the unit test runs.
 */
record Config(String mode, int[] depths, int[] s3Depths, int warmupCommits, int measuredCommits, int[] writers,
              int commitsPerRun, int s3CommitsPerRun, int planCommits, int planFilesPerCommit,
              int dayPlanCommits, int dayPlanFilesPerCommit, int jmhForks,
              int jmhWarmupIterations, int jmhIterations, int timeTravelLookups, long rows, int rounds, Path dir) {

  static Config of(String mode, Path dir) {
    switch (mode) {
      case "full":
        return new Config(mode,
            new int[] {10, 1_000, 10_000}, new int[] {10, 1_000, 10_000}, 10, 50, // depths local / S3, commits
            new int[] {1, 4, 16}, 256, 128,                                       // writers, commits local / S3
            10_000, 10,                                                           // planning table
            1_000, 100,                                                           // table partitioned by day
            1, 3, 5,                                                              // JMH
            200, 10_000_000, 3, dir);                                             // time travel, rows
      case "quick":
        return new Config(mode,
            new int[] {10, 1_000, 2_000}, new int[] {10, 500}, 5, 20,
            new int[] {1, 4, 16}, 64, 32,
            2_000, 10,
            100, 100,
            1, 1, 2,
            50, 1_000_000, 3, dir);
      case "smoke":
        return new Config(mode,
            new int[] {5, 20}, new int[] {5}, 2, 3,
            new int[] {1, 2}, 4, 4,
            20, 5,
            2, 100,
            0, 1, 1,
            3, 2_000, 1, dir);
      default:
        throw new IllegalArgumentException("mode must be full, quick or smoke, got " + mode);
    }
  }

  long planFiles() {
    return (long) planCommits * planFilesPerCommit;
  }

  /** Files of workload 8's table partitioned by day. */
  long dayPlanFiles() {
    return (long) dayPlanCommits * dayPlanFilesPerCommit;
  }
}
