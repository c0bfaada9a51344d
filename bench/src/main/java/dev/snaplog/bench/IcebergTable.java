package dev.snaplog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.hadoop.HadoopTables;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg table through its public API: on the local filesystem through {@link HadoopTables} (Hadoop's
 * {@code file:} filesystem replaced by {@link CountingLocalFileSystem} so every call is counted), or on S3
 * under the JDBC catalog ({@link S3Backend}).
 */
final class IcebergTable implements BenchTable {
  static final String SYSTEM = "iceberg";

  static final Schema SCHEMA = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "v", Types.DoubleType.get()),
      Types.NestedField.optional(3, "s", Types.StringType.get()));

  static final Schema SCHEMA_BY_DAY = new Schema(
      Types.NestedField.required(1, "id", Types.LongType.get()),
      Types.NestedField.optional(2, "v", Types.DoubleType.get()),
      Types.NestedField.optional(3, "s", Types.StringType.get()),
      Types.NestedField.optional(4, "ts", Types.TimestampType.withZone()));

  static final PartitionSpec BY_DAY = PartitionSpec.builderFor(SCHEMA_BY_DAY).day("ts").build();

  /** History is built in groups of this many appends: one metadata write per group (see grow). */
  static final int GROW_GROUP = 250;

  private final String location;
  private final Table table;
  private final Counters counters;
  private final Runnable onClose;
  private final AtomicLong nextFile;

  private IcebergTable(Table table, Counters counters, Runnable onClose) {
    this.location = table.location();
    this.table = table;
    this.counters = counters;
    this.onClose = onClose;
    Snapshot current = table.currentSnapshot();
    this.nextFile = new AtomicLong(current == null ? 0 : Long.parseLong(current.summary()
        .getOrDefault("total-data-files", "0")));
  }

  static Configuration conf() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", CountingLocalFileSystem.class.getName());
    try {
      FileSystem fs = FileSystem.get(java.net.URI.create("file:///"), conf);
      if (!(fs instanceof CountingLocalFileSystem)) {
        throw new IllegalStateException("file: resolved to " + fs.getClass() + " (cached before the bench set"
            + " fs.file.impl); Iceberg requests would not be counted");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return conf;
  }

  /** A table already created or loaded by some catalog; {@code onClose} releases what that catalog holds. */
  static IcebergTable of(Table table, Counters counters, Runnable onClose) {
    return new IcebergTable(table, counters, onClose);
  }

  /** Creates or loads the table at {@code location} through {@link HadoopTables} on the counted filesystem. */
  static IcebergTable onHadoopTables(String location, Map<String, String> props, boolean create) {
    HadoopTables tables = new HadoopTables(conf());
    Table table = create ? tables.create(SCHEMA, PartitionSpec.unpartitioned(), props, location)
        : tables.load(location);
    return new IcebergTable(table, CountingLocalFileSystem.COUNTERS, () -> { });
  }

  /**
   * Creates a table partitioned by {@code day(ts)} at {@code location} (see {@link BenchTable});
   * {@link #onHadoopTables} loads it again, its layout coming from the table.
   */
  static IcebergTable createByDayOnHadoopTables(String location) {
    Table table = new HadoopTables(conf()).create(SCHEMA_BY_DAY, BY_DAY, Map.of(), location);
    return new IcebergTable(table, CountingLocalFileSystem.COUNTERS, () -> { });
  }

  Table table() {
    return table;
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  /**
   * Commits one append at a time, each through its own metadata build, so the snapshot log (which Iceberg's time
   * travel by timestamp searches) has one entry per append, as one commit per append would leave. The metadata of
   * each append is held in memory ({@link HeldMetadataOperations}) and written once per {@link #GROW_GROUP}
   * appends, which skips writing and re-reading a metadata file of thousands of snapshots per append while
   * building. Manifests and manifest lists are written per append, as a commit would write them.
   */
  @Override
  public void grow(int commits, int filesPerCommit) {
    int done = 0;
    while (done < commits) {
      int n = Math.min(GROW_GROUP, commits - done);
      HeldMetadataOperations held = new HeldMetadataOperations(((HasTableOperations) table).operations());
      Table building = new BaseTable(held, table.name());
      for (int c = 0; c < n; c++) {
        AppendFiles append = building.newAppend();
        for (int f = 0; f < filesPerCommit; f++) {
          append.appendFile((DataFile) registeredFile());
        }
        append.commit();
      }
      held.publish();
      table.refresh();
      done += n;
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
    long hi = lo + ROWS_PER_REGISTERED_FILE - 1;
    PartitionSpec spec = table.spec();
    if (spec.isUnpartitioned()) {
      Metrics metrics = new Metrics(ROWS_PER_REGISTERED_FILE, Map.of(1, 8_000L), Map.of(1, ROWS_PER_REGISTERED_FILE),
          Map.of(1, 0L), Map.of(), Map.of(1, bound(lo)), Map.of(1, bound(hi)));
      return DataFiles.builder(spec)
          .withPath(location + "/data/registered-" + k + ".parquet")
          .withFormat(FileFormat.PARQUET)
          .withRecordCount(ROWS_PER_REGISTERED_FILE)
          .withFileSizeInBytes(10_000)
          .withMetrics(metrics)
          .build();
    }
    Instant day = BenchTable.dayOfFile(k);
    long dayMicros = micros(day);
    long lastMicros = dayMicros + 86_399_000_000L;
    Metrics metrics = new Metrics(ROWS_PER_REGISTERED_FILE, Map.of(1, 8_000L, 4, 8_000L),
        Map.of(1, ROWS_PER_REGISTERED_FILE, 4, ROWS_PER_REGISTERED_FILE), Map.of(1, 0L, 4, 0L), Map.of(),
        Map.of(1, bound(lo), 4, timeBound(dayMicros)), Map.of(1, bound(hi), 4, timeBound(lastMicros)));
    String partitionPath = "ts_day=" + LocalDate.ofInstant(day, ZoneOffset.UTC);
    return DataFiles.builder(spec)
        .withPath(location + "/data/" + partitionPath + "/registered-" + k + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withPartitionPath(partitionPath)
        .withRecordCount(ROWS_PER_REGISTERED_FILE)
        .withFileSizeInBytes(10_000)
        .withMetrics(metrics)
        .build();
  }

  private static ByteBuffer bound(long v) {
    return Conversions.toByteBuffer(Types.LongType.get(), v);
  }

  private static ByteBuffer timeBound(long micros) {
    return Conversions.toByteBuffer(Types.TimestampType.withZone(), micros);
  }

  private static long micros(Instant t) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, t);
  }

  @Override
  public Object writeSmallFile(int rows) {
    String path = location + "/data/" + UUID.randomUUID() + ".parquet";
    try {
      DataWriter<org.apache.iceberg.data.Record> w = Parquet.writeData(table.io().newOutputFile(path))
          .forTable(table)
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(PartitionSpec.unpartitioned())
          .build();
      GenericRecord rec = GenericRecord.create(SCHEMA);
      try (w) {
        for (int i = 0; i < rows; i++) {
          w.write(rec.copy(Map.of("id", (long) i, "v", i * 0.5, "s", "row-" + i)));
        }
      }
      return w.toDataFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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

  /** The day's bounds go in as microseconds since 1970, the value Iceberg keeps for a {@code timestamptz}. */
  @Override
  public int planFilesOnDay(Integer day) {
    TableScan scan = table.newScan();
    if (day != null) {
      scan = scan.filter(Expressions.and(
          Expressions.greaterThanOrEqual("ts", micros(BenchTable.dayStart(day))),
          Expressions.lessThan("ts", micros(BenchTable.dayStart(day + 1)))));
    }
    return count(scan);
  }

  private static int count(TableScan scan) {
    int n = 0;
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask ignored : tasks) {
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  @Override
  public long snapshotIdAsOf(long millis) {
    return table.newScan().asOfTime(millis).snapshot().snapshotId();
  }

  @Override
  public List<long[]> history() {
    List<long[]> out = new ArrayList<>();
    for (HistoryEntry e : table.history()) {
      out.add(new long[] {e.timestampMillis(), e.snapshotId()});
    }
    return out;
  }

  @Override
  public long currentTotalFiles() {
    Snapshot s = table.currentSnapshot();
    return s == null ? 0 : Long.parseLong(s.summary().getOrDefault("total-data-files", "0"));
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
    table.io().close();
    onClose.run();
  }
}
