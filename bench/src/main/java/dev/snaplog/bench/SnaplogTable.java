package dev.snaplog.bench;

import dev.snaplog.catalog.Catalogs;
import dev.snaplog.catalog.WarehouseCatalog;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.HistoryEntry;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A Snaplog table through its public API, on storage whose requests are counted (see {@link Backend}). */
final class SnaplogTable implements BenchTable {
  static final String SYSTEM = "snaplog";
  static final String NAMESPACE = "bench";
  static final Schema SCHEMA = Schema.parse("id long not null, v double, s string");
  static final Schema SCHEMA_BY_DAY = Schema.parse("id long not null, v double, s string, ts timestamptz");
  static final PartitionSpec BY_DAY = PartitionSpec.parse("day(ts)", SCHEMA_BY_DAY);

  private final Catalog catalog;
  private final Table table;
  private final Counters counters;
  private final AtomicLong nextFile;

  private SnaplogTable(Storage storage, Counters counters, String name, Map<String, String> tableProps,
      boolean create, boolean byDay) {
    this.counters = counters;
    this.catalog = WarehouseCatalog.of(storage, Map.of());
    TableId id = TableId.of(NAMESPACE, name);
    if (create) {
      if (!catalog.namespaceExists(NAMESPACE)) {
        catalog.createNamespace(NAMESPACE);
      }
      this.table = byDay ? catalog.createTable(id, SCHEMA_BY_DAY, BY_DAY, tableProps)
          : catalog.createTable(id, SCHEMA, tableProps);
    } else {
      this.table = catalog.loadTable(id);
    }
    this.nextFile = new AtomicLong(table.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_FILES)).orElse(0L));
  }

  /** Creates the table (and its namespace) or loads it; {@code counters} is what {@code storage} counts into. */
  static SnaplogTable of(Storage storage, Counters counters, String name, Map<String, String> tableProps,
      boolean create) {
    return new SnaplogTable(storage, counters, name, tableProps, create, false);
  }

  /** The same on a local warehouse directory, counted by wrapping its stores ({@link CountingStorage}). */
  static SnaplogTable local(String warehouse, String name, Map<String, String> tableProps, boolean create) {
    Counters counters = new Counters();
    return of(CountingStorage.wrap(Catalogs.openStorage(warehouse, Map.of()), counters), counters, name, tableProps,
        create);
  }

  /**
   * Creates a table partitioned by {@code day(ts)} in a local warehouse directory (see {@link BenchTable});
   * {@link #local} loads it again, its layout coming from the table.
   */
  static SnaplogTable createLocalByDay(String warehouse, String name) {
    Counters counters = new Counters();
    return new SnaplogTable(CountingStorage.wrap(Catalogs.openStorage(warehouse, Map.of()), counters), counters,
        name, Map.of(), true, true);
  }

  Table table() {
    return table;
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public void grow(int commits, int filesPerCommit) {
    for (int c = 0; c < commits; c++) {
      var append = table.newAppend();
      for (int f = 0; f < filesPerCommit; f++) {
        append.appendFile((DataFile) registeredFile());
      }
      append.commit();
    }
  }

  @Override
  public long registeredFiles() {
    return nextFile.get();
  }

  @Override
  public Object registeredFile() {
    long k = nextFile.getAndIncrement();
    long lo = k * ROWS_PER_REGISTERED_FILE;
    ColumnStats ids = new ColumnStats(0, lo, lo + ROWS_PER_REGISTERED_FILE - 1);
    PartitionSpec spec = table.spec();
    if (spec.isUnpartitioned()) {
      return new DataFile(table.location() + "/data/registered-" + k + ".parquet", DataFile.PARQUET,
          ROWS_PER_REGISTERED_FILE, 10_000, Map.of(1, ids));
    }
    // partition values come from a row of the file, as the table's partitioned writer takes them
    Instant day = BenchTable.dayOfFile(k);
    Map<Integer, Object> partition = spec.partition(GenericRecord.of(table.schema(), lo, 0.0, "", day));
    int ts = table.schema().findField("ts").orElseThrow().id();
    ColumnStats times = new ColumnStats(0, day, day.plusSeconds(86_399));
    return new DataFile(table.location() + "/data/" + spec.path(partition, table.schema()) + "/registered-" + k
        + ".parquet", DataFile.PARQUET, ROWS_PER_REGISTERED_FILE, 10_000, Map.of(1, ids, ts, times))
        .withPartition(spec.specId(), partition);
  }

  @Override
  public Object writeSmallFile(int rows) {
    try (DataWriter w = table.newDataWriter()) {
      for (int i = 0; i < rows; i++) {
        w.write(GenericRecord.of(SCHEMA, (long) i, i * 0.5, "row-" + i));
      }
      return w.complete();
    }
  }

  @Override
  public void commitFile(Object file) {
    table.newAppend().appendFile((DataFile) file).commit();
  }

  @Override
  public int planFiles(Long snapshotId, Long idBelow) {
    TableScan scan = table.newScan();
    if (snapshotId != null) {
      scan = scan.useSnapshot(snapshotId);
    }
    if (idBelow != null) {
      scan = scan.filter(Expressions.lessThan("id", idBelow));
    }
    return count(scan);
  }

  @Override
  public int planFilesOnDay(Integer day) {
    TableScan scan = table.newScan();
    if (day != null) {
      scan = scan.filter(Expressions.and(Expressions.greaterThanOrEqual("ts", BenchTable.dayStart(day)),
          Expressions.lessThan("ts", BenchTable.dayStart(day + 1))));
    }
    return count(scan);
  }

  private static int count(TableScan scan) {
    int n = 0;
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask ignored : tasks) {
        n++;
      }
    }
    return n;
  }

  @Override
  public long snapshotIdAsOf(long millis) {
    return table.newScan().asOfTime(Instant.ofEpochMilli(millis)).snapshotId().orElseThrow();
  }

  @Override
  public List<long[]> history() {
    List<HistoryEntry> h = table.history();
    List<long[]> out = new ArrayList<>(h.size());
    for (int i = h.size() - 1; i >= 0; i--) {
      out.add(new long[] {h.get(i).timestampMillis(), h.get(i).snapshotId()});
    }
    return out;
  }

  @Override
  public long currentTotalFiles() {
    return table.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_FILES)).orElse(0L);
  }

  @Override
  public void refresh() {
    table.refresh();
  }

  @Override
  public Counters counters() {
    return counters;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
