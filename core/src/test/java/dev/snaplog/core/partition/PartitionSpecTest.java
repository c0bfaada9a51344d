package dev.snaplog.core.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionSpecTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, ts timestamptz, name string, day date,"
      + " score double");

  @Test
  void parsesTransformsWithFieldIdsFrom1000() {
    PartitionSpec spec = PartitionSpec.parse("day(ts), bucket(16, id), truncate(4, name), id", SCHEMA);
    assertThat(spec.specId()).isZero();
    assertThat(spec.fields()).containsExactly(
        new PartitionSpec.Field(2, 1000, "ts_day", Transforms.day()),
        new PartitionSpec.Field(1, 1001, "id_bucket", Transforms.bucket(16)),
        new PartitionSpec.Field(3, 1002, "name_trunc", Transforms.truncate(4)),
        new PartitionSpec.Field(1, 1003, "id", Transforms.identity()));
    assertThat(spec.lastFieldId()).isEqualTo(1003);
    assertThat(PartitionSpec.parse("", SCHEMA).isUnpartitioned()).isTrue();
  }

  @Test
  void laterSpecsCountOnFromTheLastAssignedId() {
    PartitionSpec spec = PartitionSpecParser.parse("hour(ts)", SCHEMA, 3, 1004);
    assertThat(spec.specId()).isEqualTo(3);
    assertThat(spec.fields().get(0).fieldId()).isEqualTo(1005);
  }

  @Test
  void partitionValuesAndPathOfARow() {
    PartitionSpec spec = PartitionSpec.parse("day(ts), bucket(16, id), truncate(2, name)", SCHEMA);
    GenericRecord row = GenericRecord.of(SCHEMA, 34L, Instant.parse("2026-01-02T10:15:00Z"), "Oslo/N=1", null,
        null);
    Map<Integer, Object> partition = spec.partition(row);
    assertThat(partition).containsExactly(Map.entry(1000, LocalDate.of(2026, 1, 2)), Map.entry(1001, 3),
        Map.entry(1002, "Os"));
    assertThat(spec.path(partition, SCHEMA)).isEqualTo("ts_day=2026-01-02/id_bucket=3/name_trunc=Os");
    GenericRecord nulls = GenericRecord.of(SCHEMA, 1L, null, "a/b", null, null);
    PartitionSpec byName = PartitionSpec.parse("ts, name", SCHEMA);
    assertThat(byName.path(byName.partition(nulls), SCHEMA)).isEqualTo("ts=null/name=a%2Fb");
  }

  @Test
  void partitionColumnsCarryResultTypes() {
    PartitionSpec spec = PartitionSpec.parse("day(ts), bucket(16, id), month(day)", SCHEMA);
    assertThat(spec.partitionColumns(SCHEMA)).extracting(f -> f.name() + " " + f.type() + " " + f.id())
        .containsExactly("ts_day date 1000", "id_bucket int 1001", "day_month int 1002");
  }

  @Test
  void badSpecsGetClearErrors() {
    assertThatThrownBy(() -> PartitionSpec.parse("dya(ts)", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Unknown partition transform 'dya'").hasMessageContaining("bucket(N, column)");
    assertThatThrownBy(() -> PartitionSpec.parse("day(id)", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("column 'id' is long").hasMessageContaining("day applies only to date");
    assertThatThrownBy(() -> PartitionSpec.parse("bucket(8, score)", SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'score' is double");
    assertThatThrownBy(() -> PartitionSpec.parse("day(tss)", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown column 'tss'").hasMessageContaining("[id, ts, name, day, score]");
    assertThatThrownBy(() -> PartitionSpec.parse("bucket(id)", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("as in bucket(16, id)");
    assertThatThrownBy(() -> PartitionSpec.parse("bucket(x, id)", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("positive whole number");
    assertThatThrownBy(() -> PartitionSpec.parse("day(ts), hour(ts)", SCHEMA))
        .isInstanceOf(ValidationException.class).hasMessageContaining("already partitioned by day");
    assertThatThrownBy(() -> PartitionSpec.parse("id,, ts", SCHEMA)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Empty partition field");
  }

  @Test
  void aSchemaChangeThatBreaksTheSpecIsRefused() {
    PartitionSpec spec = PartitionSpec.parse("day(ts)", SCHEMA);
    spec.checkCompatible(SCHEMA);
    assertThatThrownBy(() -> spec.checkCompatible(Schema.parse("id long not null")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("remove the partition field first");
  }
}
