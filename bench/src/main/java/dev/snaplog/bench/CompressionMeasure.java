package dev.snaplog.bench;

import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.manifest.FileSetState;
import dev.snaplog.manifest.HistoryState;
import dev.snaplog.manifest.IndexEntry;
import dev.snaplog.manifest.LogRecord;
import dev.snaplog.manifest.LogRecordJson;
import dev.snaplog.manifest.TableLocations;
import dev.snaplog.manifest.TableMetadata;
import dev.snaplog.manifest.TableMetadataJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Bytes saved against CPU spent by gzip and zstd on each kind of log object (the figures in docs/design.md).
 * Run: {@code java -cp <bench class path> dev.snaplog.bench.CompressionMeasure}.
 */
public final class CompressionMeasure {
  private CompressionMeasure() {}

  static byte[] gzip(byte[] in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(in);
    }
    return b.toByteArray();
  }

  static byte[] gunzip(byte[] in) throws IOException {
    try (GZIPInputStream g = new GZIPInputStream(new ByteArrayInputStream(in))) {
      return g.readAllBytes();
    }
  }

  static void report(String name, byte[] raw) throws Exception {
    int n = Math.max(20, 2_000_000 / Math.max(raw.length, 1));
    byte[] z = null;
    for (int i = 0; i < n; i++) {
      z = gzip(raw); // warm-up
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      z = gzip(raw);
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      gunzip(z);
    }
    long t2 = System.nanoTime();
    io.airlift.compress.zstd.ZstdCompressor zc = new io.airlift.compress.zstd.ZstdCompressor();
    io.airlift.compress.zstd.ZstdDecompressor zd = new io.airlift.compress.zstd.ZstdDecompressor();
    byte[] out = new byte[zc.maxCompressedLength(raw.length)];
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = zc.compress(raw, 0, raw.length, out, 0, out.length);
    }
    long t3 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      len = zc.compress(raw, 0, raw.length, out, 0, out.length);
    }
    long t4 = System.nanoTime();
    byte[] back = new byte[raw.length];
    for (int i = 0; i < n; i++) {
      zd.decompress(out, 0, len, back, 0, back.length);
    }
    long t5 = System.nanoTime();
    System.out.printf("| %s | %,d | gzip %,d (%.1fx) %.3f ms / %.3f ms | zstd %,d (%.1fx) %.3f ms / %.3f ms |%n", name, raw.length,
        z.length, (double) raw.length / z.length, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n,
        len, (double) raw.length / len, (t4 - t3) / 1e6 / n, (t5 - t4) / 1e6 / n);
  }
  public static void main(String[] args) throws Exception {
    Schema schema = Schema.parse("id long not null, ts timestamptz, msg string");
    TableLocations loc = new TableLocations(new LocalObjectStore(), "/wh/db/t");
    List<DataFile> files = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      files.add(new DataFile("/wh/db/t/data/" + UUID.randomUUID() + ".parquet", "parquet", 1000 + i, 40_000 + i * 7,
          Map.of(1, new ColumnStats(0, (long) i * 1000, (long) i * 1000 + 999),
              2, new ColumnStats(3, java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), java.time.Instant.parse("2026-01-01T01:00:00Z").plusSeconds(i)),
              3, new ColumnStats(0, "alpha", "zulu"))));
    }
    report("log record, 1 file", LogRecordJson.toBytes(new LogRecord(UUID.randomUUID().toString(), 0, files.subList(0, 1), List.of()), schema, loc));
    // a checkpoint part holds the same per-file JSON as a log record; measure it before its own gzip
    report("checkpoint part, 10 files", LogRecordJson.toBytes(new LogRecord("c", 0, files.subList(0, 10),
        List.of()), schema, loc));
    report("checkpoint part, 10,000 files", LogRecordJson.toBytes(new LogRecord("c", 0, files, List.of()),
        schema, loc));
    // metadata with a full 99-entry history tail
    List<IndexEntry> tail = new ArrayList<>();
    for (int v = 1; v < 100; v++) tail.add(new IndexEntry(v, 1764100000000L + v, ((long) v << 16) | 12345, "append",
        loc.newMetadata(v)));
    Snapshot snap = new Snapshot((100L << 16) | 7, Optional.of((99L << 16) | 3), 100, 1764100000100L, "append",
        UUID.randomUUID().toString(), 0, Map.of("added-files", "1", "added-records", "1000", "total-records", "100000"));
    TableMetadata m = TableMetadata.builder().tableUuid(UUID.randomUUID().toString()).version(100)
        .lastUpdatedMillis(1764100000100L).commitId(UUID.randomUUID().toString()).operation("append")
        .schemas(List.of(schema), 0).properties(Map.of()).currentSnapshot(snap).parentMetadata(loc.newMetadata(99))
        .logRecord(loc.newLogRecord()).fileSet(new FileSetState(Optional.of(loc.newCheckpoint(90)),
            List.of(loc.newLogRecord(), loc.newLogRecord())))
        .history(new HistoryState(Optional.of(loc.newHistoryObject("root", 0)), tail, 0, List.of())).build();
    report("metadata, 99-entry history tail", TableMetadataJson.toBytes(m, loc));
  }
}
