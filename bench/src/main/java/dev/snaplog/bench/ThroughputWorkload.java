package dev.snaplog.bench;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Workload 6: write then read a table of {@code rows} rows through each system's API (one data file, one
 * commit), and the same rows with parquet-hadoop directly as the ceiling. Rounds rotate the order of the three;
 * the first round is a warm-up on a tenth of the rows. Each system uses its default codec (ZSTD for all three).
 */
final class ThroughputWorkload {
  private final Config config;
  private final Report report;

  ThroughputWorkload(Config config, Report report) {
    this.config = config;
    this.report = report;
  }

  void run() throws IOException {
    Samples[] write = {new Samples(), new Samples(), new Samples()};
    Samples[] read = {new Samples(), new Samples(), new Samples()};
    Samples[] writeCpu = {new Samples(), new Samples(), new Samples()};
    for (int round = 0; round <= config.rounds(); round++) {
      boolean warmup = round == 0;
      long rows = warmup ? Math.max(1, config.rows() / 10) : config.rows();
      for (int k = 0; k < 3; k++) {
        int s = (round + k) % 3;
        Path dir = config.dir().resolve("throughput/r" + round + "-" + s);
        Files.createDirectories(dir);
        long[] nanos = s == 0 ? snaplog(dir, rows) : s == 1 ? iceberg(dir, rows) : ceiling(dir, rows);
        if (!warmup) {
          write[s].add(rows / (nanos[0] / 1e9));
          read[s].add(rows / (nanos[1] / 1e9));
          writeCpu[s].add(rows / (nanos[2] / 1e9));
          Harness.log("throughput round %d %s: write %.0f rows/s, read %.0f rows/s", round,
              new String[] {"snaplog", "iceberg", "parquet"}[s], rows / (nanos[0] / 1e9), rows / (nanos[1] / 1e9));
        }
        deleteTree(dir);
      }
    }
    String rows = String.format("%,d rows", config.rows());
    String note = config.rounds() + " rounds; higher is better, ratio > 1 means Snaplog faster";
    report.add("6 write " + rows, "median", "rows/s", write[0].median(), write[1].median(), note);
    report.add("6 write " + rows, "slowest round", "rows/s", write[0].percentile(0), write[1].percentile(0), null);
    report.add("6 write " + rows, "median per CPU-second", "rows", writeCpu[0].median(), writeCpu[1].median(),
        "CPU time of the writing thread: holds still on a busy machine where wall time does not");
    report.add("6 read " + rows, "median", "rows/s", read[0].median(), read[1].median(), null);
    report.add("6 read " + rows, "slowest round", "rows/s", read[0].percentile(0), read[1].percentile(0), null);
    report.add("6 ceiling: parquet-hadoop direct", "write median", "rows/s", write[0].median(), write[2].median(),
        "this line compares Snaplog with the ceiling, not Iceberg");
    report.add("6 ceiling: parquet-hadoop direct", "write median per CPU-second", "rows", writeCpu[0].median(),
        writeCpu[2].median(), "Iceberg/ceiling: " + Report.num(writeCpu[1].median() / writeCpu[2].median()));
    report.add("6 ceiling: parquet-hadoop direct", "read median", "rows/s", read[0].median(), read[2].median(),
        "Iceberg/ceiling: write " + Report.num(write[1].median() / write[2].median()) + ", read "
            + Report.num(read[1].median() / read[2].median()));
  }

  private static long[] snaplog(Path dir, long rows) {
    try (SnaplogTable t = SnaplogTable.local(dir.toString(), "rows", Map.of(), true)) {
      long cpu = threadCpuNanos();
      long start = System.nanoTime();
      try (DataWriter w = t.table().newDataWriter()) {
        for (long i = 0; i < rows; i++) {
          w.write(GenericRecord.of(SnaplogTable.SCHEMA, i, i * 0.5, Rows.string(i)));
        }
        t.table().newAppend().appendFile(w.complete()).commit();
      }
      long written = System.nanoTime() - start;
      cpu = threadCpuNanos() - cpu;
      start = System.nanoTime();
      long sum = 0;
      long n = 0;
      try (CloseableIterable<Record> records = t.table().newScan().records()) {
        for (Record r : records) {
          sum += (Long) r.get(0);
          n++;
        }
      }
      checkRead("snaplog", rows, n, sum);
      return new long[] {written, System.nanoTime() - start, cpu};
    }
  }

  private static long[] iceberg(Path dir, long rows) throws IOException {
    try (IcebergTable it = IcebergTable.onHadoopTables(dir.toUri().toString(), Map.of(), true)) {
      Table t = it.table();
      long cpu = threadCpuNanos();
      long start = System.nanoTime();
      org.apache.iceberg.io.DataWriter<org.apache.iceberg.data.Record> w = Parquet.writeData(t.io().newOutputFile(t.location()
              + "/data/" + java.util.UUID.randomUUID() + ".parquet"))
          .forTable(t)
          .createWriterFunc(GenericParquetWriter::create)
          .withSpec(PartitionSpec.unpartitioned())
          .build();
      // Iceberg's writers do not keep the record, so a user may reuse one; Snaplog's rows are immutable
      org.apache.iceberg.data.GenericRecord rec = org.apache.iceberg.data.GenericRecord.create(IcebergTable.SCHEMA);
      try (w) {
        for (long i = 0; i < rows; i++) {
          rec.set(0, i);
          rec.set(1, i * 0.5);
          rec.set(2, Rows.string(i));
          w.write(rec);
        }
      }
      t.newAppend().appendFile(w.toDataFile()).commit();
      long written = System.nanoTime() - start;
      cpu = threadCpuNanos() - cpu;
      start = System.nanoTime();
      long sum = 0;
      long n = 0;
      try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> records =
               IcebergGenerics.read(t).build()) {
        for (org.apache.iceberg.data.Record r : records) {
          sum += (Long) r.get(0);
          n++;
        }
      }
      checkRead("iceberg", rows, n, sum);
      return new long[] {written, System.nanoTime() - start, cpu};
    }
  }

  private static long[] ceiling(Path dir, long rows) {
    Path file = dir.resolve("direct.parquet");
    long cpu = threadCpuNanos();
    long start = System.nanoTime();
    ParquetCeiling.write(file, rows);
    long written = System.nanoTime() - start;
    cpu = threadCpuNanos() - cpu;
    start = System.nanoTime();
    long sum = ParquetCeiling.read(file);
    checkRead("parquet", rows, rows, sum);
    return new long[] {written, System.nanoTime() - start, cpu};
  }

  // All three write in the calling thread, so its CPU time is the work each one does (garbage collection,
  // which runs on other threads, is left out for all three alike).
  private static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static void checkRead(String system, long rows, long n, long sum) {
    long expected = rows * (rows - 1) / 2;
    if (n != rows || sum != expected) {
      throw new IllegalStateException(system + " read " + n + " rows with id sum " + sum + ", expected " + rows
          + " rows with sum " + expected);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
