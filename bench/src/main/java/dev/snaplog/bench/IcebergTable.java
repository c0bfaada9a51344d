package dev.snaplog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.Transaction;
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

  /** History is built in transactions of this many appends: one metadata write per group (see grow). */
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

  Table table() {
    return table;
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  /**
   * Commits in transactions of {@link #GROW_GROUP} appends: each append is its own snapshot (own manifest and
   * manifest list), but the metadata file is written once per group. The result is the table that one commit
   * per append would give; it only skips rewriting a growing metadata.json thousands of times while building.
   */
  @Override
  public void grow(int commits, int filesPerCommit) {
    int done = 0;
    while (done < commits) {
      int n = Math.min(GROW_GROUP, commits - done);
      Transaction txn = table.newTransaction();
      for (int c = 0; c < n; c++) {
        AppendFiles append = txn.newAppend();
        for (int f = 0; f < filesPerCommit; f++) {
          append.appendFile((DataFile) registeredFile());
        }
        append.commit();
      }
      txn.commitTransaction();
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
    Metrics metrics = new Metrics(ROWS_PER_REGISTERED_FILE, Map.of(1, 8_000L), Map.of(1, ROWS_PER_REGISTERED_FILE),
        Map.of(1, 0L), Map.of(), Map.of(1, bound(lo)), Map.of(1, bound(lo + ROWS_PER_REGISTERED_FILE - 1)));
    return DataFiles.builder(PartitionSpec.unpartitioned())
        .withPath(location + "/data/registered-" + k + ".parquet")
        .withFormat(FileFormat.PARQUET)
        .withRecordCount(ROWS_PER_REGISTERED_FILE)
        .withFileSizeInBytes(10_000)
        .withMetrics(metrics)
        .build();
  }

  private static ByteBuffer bound(long v) {
    return Conversions.toByteBuffer(Types.LongType.get(), v);
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
