package dev.snaplog.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.PartitionedWriter;
import dev.snaplog.core.data.WriteOptions;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.expressions.PartitionFilter;
import dev.snaplog.core.io.local.LocalObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows fan out to one file per partition; a filter on the source column then skips whole partitions. */
class PartitionedWriterTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz not null, v string");
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  private List<Record> rows() {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // days and ids interleaved, so partitions come and go
      rows.add(GenericRecord.of(SCHEMA, (long) i, START.plusSeconds(86_400L * (i % 10) + i), "v" + i));
    }
    return rows;
  }

  private List<DataFile> write(PartitionSpec spec, List<Record> rows, int maxOpen) {
    try (PartitionedWriter w = new PartitionedWriter(SCHEMA, spec, path -> store.newOutputFile(
        dir.resolve("data").resolve(path).resolve(UUID.randomUUID() + ".parquet").toString()), "db.t",
        WriteOptions.defaults(), maxOpen)) {
      rows.forEach(w::write);
      assertThat(w.openFiles()).isLessThanOrEqualTo(maxOpen);
      return w.complete();
    }
  }

  private List<Record> read(DataFile f) {
    return ParquetFormat.read(store.newInputFile(f.location()), SCHEMA, SCHEMA, Expressions.alwaysTrue()).toList();
  }

  @Test
  void eachFileHoldsOnePartitionUnderItsPath() {
    PartitionSpec spec = PartitionSpec.parse("day(ts), bucket(2, id)", SCHEMA);
    List<DataFile> files = write(spec, rows(), 4);
    assertThat(files.stream().mapToLong(DataFile::recordCount).sum()).isEqualTo(200);
    List<Record> all = new ArrayList<>();
    for (DataFile f : files) {
      assertThat(f.specId()).isEqualTo(spec.specId());
      assertThat(f.location()).contains("/data/" + spec.path(f.partition(), SCHEMA) + "/");
      for (Record r : read(f)) {
        assertThat(spec.partition(r)).isEqualTo(f.partition());
        all.add(r);
      }
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(rows());
    // 10 days x 2 buckets, and rows arrive in day order 0..9 repeatedly: the bound of 4 open files rolls files
    assertThat(files.size()).isGreaterThan(20);
  }

  @Test
  void aOneDayFilterOpensOnlyThatDaysFiles() {
    PartitionSpec spec = PartitionSpec.parse("day(ts)", SCHEMA);
    List<Record> rows = rows();
    List<DataFile> files = write(spec, rows, 10);
    assertThat(files).hasSize(10);
    Expression filter = Expressions.bind(Expressions.and(
        Expressions.greaterThanOrEqual("ts", "2026-01-04T00:00:00Z"),
        Expressions.lessThan("ts", "2026-01-05T00:00:00Z")), SCHEMA);
    PartitionFilter partitions = PartitionFilter.of(filter, spec, SCHEMA);
    int opened = 0;
    List<Record> matched = new ArrayList<>();
    for (DataFile f : files) {
      if (partitions.mightContain(f.partition())) {
        opened++;
        read(f).stream().filter(r -> Evaluators.matches(filter, r)).forEach(matched::add);
      }
    }
    assertThat(opened).isEqualTo(1);
    assertThat(matched).containsExactlyInAnyOrderElementsOf(
        rows.stream().filter(r -> Evaluators.matches(filter, r)).toList()).hasSize(20);
  }

  @Test
  void aBadRowIsRefusedAndTheWriterGoesOn() {
    PartitionSpec spec = PartitionSpec.parse("day(ts)", SCHEMA);
    try (PartitionedWriter w = new PartitionedWriter(SCHEMA, spec, path -> store.newOutputFile(
        dir.resolve(UUID.randomUUID() + ".parquet").toString()), "db.t", WriteOptions.defaults(), 2)) {
      assertThatThrownBy(() -> w.write(GenericRecord.wrap(SCHEMA, new Object[] {1L, null, "x"})))
          .isInstanceOf(ValidationException.class).hasMessageContaining("required column 'ts'");
      w.write(rows().get(0));
      assertThat(w.complete()).hasSize(1);
    }
  }

  @Test
  void specUpdatesKeepFieldIdsAndCountOn() {
    PartitionSpec v0 = PartitionSpec.parse("day(ts), bucket(4, id)", SCHEMA);
    PartitionSpecUpdate u = new PartitionSpecUpdate(SCHEMA, v0, 1, 1001, x -> x.apply());
    u.removeField("ts_day").addField("hour(ts)").addField("truncate(2, v)");
    PartitionSpec v1 = u.commit();
    assertThat(v1.specId()).isEqualTo(1);
    assertThat(v1.fields()).extracting(f -> f.name() + "#" + f.fieldId())
        .containsExactly("id_bucket#1001", "ts_hour#1002", "v_trunc#1003");
    assertThat(u.lastAssignedFieldId()).isEqualTo(1003);
    assertThatThrownBy(() -> u.addField("bucket(4, id)")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("already partitioned by bucket[4]");
    assertThatThrownBy(() -> u.addField("day(ts)")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("one time transform per column");
    assertThatThrownBy(() -> u.removeField("nope")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("[id_bucket, ts_hour, v_trunc]");
    assertThatThrownBy(() -> u.addField("weekly(ts)")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Unknown partition transform");
  }

  @Test
  void partitionByKeepsTheFieldsItNamesAgainAndReplacesTheRest() {
    PartitionSpec v0 = PartitionSpec.parse("day(ts), bucket(4, id)", SCHEMA);
    PartitionSpecUpdate u = new PartitionSpecUpdate(SCHEMA, v0, 1, 1001, x -> x.apply());
    PartitionSpec v1 = u.partitionBy("hour(ts), bucket(4, id), truncate(2, v)").commit();
    assertThat(v1.fields()).extracting(f -> f.name() + "#" + f.fieldId())
        .containsExactly("id_bucket#1001", "ts_hour#1002", "v_trunc#1003");
    assertThat(new PartitionSpecUpdate(SCHEMA, v1, 2, 1003, x -> x.apply()).partitionBy("none").apply()
        .isUnpartitioned()).isTrue();
    assertThatThrownBy(() -> new PartitionSpecUpdate(SCHEMA, v0, 1, 1001, x -> x.apply())
        .partitionBy("weekly(ts)")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Unknown partition transform");
  }
}
