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
 * Workload 4 as a JMH microbenchmark: scan planning on a table built beforehand by {@link PlanningWorkload}
 * (which passes the locations, snapshot ids and filter bounds as parameters). With {@code handle=loaded} the
 * table handle is loaded once per fork, as a long-lived reader would hold it (and whatever it caches stays
 * warm); with {@code handle=new} every plan opens a new catalog and table first, as a one-off query would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlanningBenchmark {
  @Param({"snaplog", "iceberg"})
  public String system;

  /** {@code current} or {@code mid}. */
  @Param({"current", "mid"})
  public String at;

  /** {@code none} or {@code prune99}. */
  @Param({"none", "prune99"})
  public String filter;

  /** {@code loaded} (one handle per fork) or {@code new} (a new handle per plan). */
  @Param({"loaded", "new"})
  public String handle;

  @Param("")
  public String warehouse;

  @Param("")
  public String icebergLocation;

  /** snaplogMid,icebergMid,filesAtCurrent,filesAtMid */
  @Param("")
  public String facts;

  private BenchTable table;
  private Long snapshotId;
  private Long idBelow;
  private int expected;

  @Setup(Level.Trial)
  public void open() {
    String[] f = facts.split(",");
    table = openTable();
    boolean mid = at.equals("mid");
    snapshotId = mid ? Long.valueOf(f[system.equals("snaplog") ? 0 : 1]) : null;
    long files = Long.parseLong(f[mid ? 3 : 2]);
    idBelow = filter.equals("prune99") ? files / 100 * BenchTable.ROWS_PER_REGISTERED_FILE : null;
    expected = (int) (filter.equals("prune99") ? files / 100 : files);
    int got = table.planFiles(snapshotId, idBelow);
    if (got != expected) {
      throw new IllegalStateException(system + " planned " + got + " files at " + at + "/" + filter + ", expected "
          + expected);
    }
  }

  private BenchTable openTable() {
    return system.equals("snaplog") ? SnaplogTable.local(warehouse, PlanningWorkload.TABLE, Map.of(), false)
        : IcebergTable.onHadoopTables(icebergLocation, Map.of(), false);
  }

  @Benchmark
  public int plan() {
    if (handle.equals("new")) {
      try (BenchTable fresh = openTable()) {
        return fresh.planFiles(snapshotId, idBelow);
      }
    }
    return table.planFiles(snapshotId, idBelow);
  }

  @TearDown(Level.Trial)
  public void close() {
    table.close();
  }
}
