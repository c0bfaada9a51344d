package dev.snaplog.core.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.PartitionedWriter;
import dev.snaplog.core.data.SortOptions;
import dev.snaplog.core.data.SortingWriter;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorted writers: every file they write is sorted, and the sort buffer bounds the rows held at once. */
class SortingWriterTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz not null, v string");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final SortOrder BY_ID_DESC = SortOrder.parse("id desc", SCHEMA);

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  private List<Record> shuffledRows(int n) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(GenericRecord.of(SCHEMA, (long) i, START.plusSeconds(86_400L * (i % 3) + i), i % 7 == 0 ? null
          : "v" + i));
    }
    Collections.shuffle(rows, new Random(42));
    return rows;
  }

  private String newFile(String path) {
    return dir.resolve("data").resolve(path).resolve(UUID.randomUUID() + ".parquet").toString();
  }

  private List<Record> read(DataFile f) {
    return ParquetFormat.read(store.newInputFile(f.location()), SCHEMA, SCHEMA, Expressions.alwaysTrue()).toList();
  }

  private static void assertSorted(List<Record> rows, Comparator<Record> order) {
    for (int i = 1; i < rows.size(); i++) {
      assertThat(order.compare(rows.get(i - 1), rows.get(i))).as("rows %d and %d", i - 1, i).isLessThanOrEqualTo(0);
    }
  }

  @Test
  void aFullBufferIsWrittenAsAFileOfItsOwnAndEveryFileIsSorted() {
    List<Record> rows = shuffledRows(250);
    List<SortingWriter.SortedFile> files;
    try (SortingWriter w = new SortingWriter(SCHEMA, new SortOptions(BY_ID_DESC, 100, Integer.MAX_VALUE, true),
        () -> store.newOutputFile(newFile("")), "db.t", WriteOptions.defaults())) {
      rows.forEach(w::write);
      assertThat(w.recordCount()).isEqualTo(250);
      assertThat(w.completeFiles()).hasSize(3);
      assertThatThrownBy(w::complete).isInstanceOf(ValidationException.class)
          .hasMessageContaining("went to 3 sorted files").hasMessageContaining("completeFiles()");
      files = w.sortedFiles();
    }
    assertThat(files.stream().map(f -> f.file().recordCount()).toList()).containsExactly(100L, 100L, 50L);
    List<Record> all = new ArrayList<>();
    for (SortingWriter.SortedFile f : files) {
      List<Record> back = read(f.file());
      assertSorted(back, BY_ID_DESC.comparator(SCHEMA));
      // the stats of a sorted file are its first and last rows' values
      assertThat(f.file().columnStats().get(1).min()).contains(back.get(back.size() - 1).get("id"));
      assertThat(f.file().columnStats().get(1).max()).contains(back.get(0).get("id"));
      for (int p = 0; p < back.size(); p++) {
        assertThat(back.get(p)).isEqualTo(rows.get((int) f.ordinals()[p])); // ordinals say where each row came from
      }
      all.addAll(back);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(rows);
  }

  @Test
  void aSortedRunCutIntoFilesGivesFilesOfDisjointRanges() {
    List<Record> rows = shuffledRows(1_000);
    List<DataFile> files;
    try (SortingWriter w = new SortingWriter(SCHEMA, new SortOptions(SortOrder.parse("id", SCHEMA), 1_000, 100,
        false), () -> store.newOutputFile(newFile("")), "db.t", WriteOptions.defaults())) {
      rows.forEach(w::write);
      files = w.completeFiles();
    }
    assertThat(files).hasSize(10);
    for (int i = 0; i < files.size(); i++) {
      assertThat(files.get(i).columnStats().get(1).min()).contains(i * 100L);
      assertThat(files.get(i).columnStats().get(1).max()).contains(i * 100L + 99);
    }
  }

  @Test
  void aBadRowIsRefusedWhenWrittenAndTheWriterStaysUsable() {
    try (SortingWriter w = new SortingWriter(SCHEMA, SortOptions.of(BY_ID_DESC, 10),
        () -> store.newOutputFile(newFile("")), "db.t", WriteOptions.defaults())) {
      w.write(GenericRecord.of(SCHEMA, 1L, START, "a"));
      Object[] bad = {null, START, "b"};
      assertThatThrownBy(() -> w.write(GenericRecord.of(SCHEMA, bad))).isInstanceOf(ValidationException.class)
          .hasMessageContaining("required column 'id'");
      w.write(GenericRecord.of(SCHEMA, 2L, START, "c"));
      DataFile f = w.complete();
      assertThat(read(f).stream().map(r -> r.get("id")).toList()).containsExactly(2L, 1L);
    }
  }

  @Test
  void aPartitionedWriterSortsEachPartitionAndBoundsTheRowsHeldAcrossPartitions() {
    PartitionSpec spec = PartitionSpec.parse("day(ts)", SCHEMA);
    SortOrder order = SortOrder.parse("v asc nulls last, id", SCHEMA);
    List<Record> rows = shuffledRows(300);
    List<DataFile> files;
    List<SortingWriter.SortedFile> placed;
    try (PartitionedWriter w = new PartitionedWriter(SCHEMA, spec, path -> store.newOutputFile(newFile(path)),
        "db.t", WriteOptions.defaults(), 8, new SortOptions(order, 40, Integer.MAX_VALUE, true))) {
      rows.forEach(w::write);
      files = w.complete();
      placed = w.sortedFiles();
    }
    // 300 rows, at most 40 held: at least 300 / 40 files, each of one partition and sorted
    assertThat(files.size()).isGreaterThanOrEqualTo(8);
    assertThat(files.stream().mapToLong(DataFile::recordCount).max().orElseThrow()).isLessThanOrEqualTo(40);
    List<Record> all = new ArrayList<>();
    for (DataFile f : files) {
      List<Record> back = read(f);
      assertSorted(back, order.comparator(SCHEMA));
      back.forEach(r -> assertThat(spec.partition(r)).isEqualTo(f.partition()));
      all.addAll(back);
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(rows);
    assertThat(placed.stream().map(SortingWriter.SortedFile::file).toList()).containsExactlyElementsOf(files);
    for (SortingWriter.SortedFile f : placed) {
      List<Record> back = read(f.file());
      for (int p = 0; p < back.size(); p++) {
        assertThat(back.get(p)).isEqualTo(rows.get((int) f.ordinals()[p]));
      }
    }
  }
}
