package dev.snaplog.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 8 as a JMH microbenchmark: planning the current snapshot of a table partitioned by {@code day(ts)},
 * built beforehand by {@link PartitionedPlanningWorkload}, with a filter on {@code ts} that keeps one day of
 * {@link BenchTable#DAYS} and with no filter. {@code handle} means what it means in {@link PlanningBenchmark}.
 * The setup checks the number of files planned, so a wrong answer cannot pass for a fast one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PartitionedPlanningBenchmark {
  @Param({"snaplog", "iceberg"})
  public String system;

  /** {@code day} (one day's files) or {@code none}. */
  @Param({"day", "none"})
  public String filter;

  /** {@code loaded} (one handle per fork) or {@code new} (a new handle per plan). */
  @Param({"loaded", "new"})
  public String handle;

  @Param("")
  public String warehouse;

  @Param("")
  public String icebergLocation;

  /** Files in the table. */
  @Param("0")
  public long files;

  private BenchTable table;
  private Integer day;

  @Setup(Level.Trial)
  public void open() {
    table = openTable();
    day = filter.equals("day") ? PartitionedPlanningWorkload.DAY : null;
    PartitionedPlanningWorkload.check(system, filter, table.planFilesOnDay(day), files);
  }

  private BenchTable openTable() {
    return system.equals("snaplog") ? SnaplogTable.local(warehouse, PartitionedPlanningWorkload.TABLE, Map.of(), false)
        : IcebergTable.onHadoopTables(icebergLocation, Map.of(), false);
  }

  @Benchmark
  public int plan() {
    if (handle.equals("new")) {
      try (BenchTable fresh = openTable()) {
        return fresh.planFilesOnDay(day);
      }
    }
    return table.planFilesOnDay(day);
  }

  @TearDown(Level.Trial)
  public void close() {
    table.close();
  }
}
