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

  private final Catalog catalog;
  private final Table table;
  private final Counters counters;
  private final AtomicLong nextFile;

  private SnaplogTable(Storage storage, Counters counters, String name, Map<String, String> tableProps,
      boolean create) {
    this.counters = counters;
    this.catalog = WarehouseCatalog.of(storage, Map.of());
    TableId id = TableId.of(NAMESPACE, name);
    if (create) {
      if (!catalog.namespaceExists(NAMESPACE)) {
        catalog.createNamespace(NAMESPACE);
      }
      this.table = catalog.createTable(id, SCHEMA, tableProps);
    } else {
      this.table = catalog.loadTable(id);
    }
    this.nextFile = new AtomicLong(table.currentSnapshot().map(s -> s.summaryLong(Snapshot.TOTAL_FILES)).orElse(0L));
  }

  /** Creates the table (and its namespace) or loads it; {@code counters} is what {@code storage} counts into. */
  static SnaplogTable of(Storage storage, Counters counters, String name, Map<String, String> tableProps,
      boolean create) {
    return new SnaplogTable(storage, counters, name, tableProps, create);
  }

  /** The same on a local warehouse directory, counted by wrapping its stores ({@link CountingStorage}). */
  static SnaplogTable local(String warehouse, String name, Map<String, String> tableProps, boolean create) {
    Counters counters = new Counters();
    return of(CountingStorage.wrap(Catalogs.openStorage(warehouse, Map.of()), counters), counters, name, tableProps,
        create);
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
    return new DataFile(table.location() + "/data/registered-" + k + ".parquet", DataFile.PARQUET,
        ROWS_PER_REGISTERED_FILE, 10_000, Map.of(1, new ColumnStats(0, lo, lo + ROWS_PER_REGISTERED_FILE - 1)));
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
