package dev.snaplog.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.data.ReadMetrics;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file written before a schema change reads under the changed schema by field id, without rewriting. */
class ReadUnderNewerSchemaTest {
  @TempDir
  Path dir;

  @Test
  void renamedWidenedAndAddedColumnsReadRight() {
    LocalObjectStore store = new LocalObjectStore();
    Schema old = Schema.parse("id int not null, price decimal(5,2), day date, f float,"
        + " address struct<city string>");
    String loc = dir.resolve("old.parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), old, "db.t")) {
      w.write(GenericRecord.of(old, 7, new BigDecimal("12.50"), LocalDate.of(2026, 1, 2), 0.1f,
          Map.of("city", "Oslo")));
      w.complete();
    }
    Schema next = SchemaUpdate.detached(old, old.highestFieldId(), List.of())
        .updateColumn("id", Type.LONG).updateColumn("price", Type.decimal(12, 2))
        .updateColumn("day", Type.TIMESTAMP).updateColumn("f", Type.DOUBLE)
        .renameColumn("address.city", "town").addColumn("address.zip", Type.INT)
        .addRequiredColumn("region", Type.STRING, "north").moveFirst("region").apply();

    List<Record> rows = ParquetFormat.read(store.newInputFile(loc), next, next, Expressions.alwaysTrue()).toList();
    assertThat(rows).containsExactly(GenericRecord.of(next, "north", 7L, new BigDecimal("12.50"),
        LocalDate.of(2026, 1, 2).atStartOfDay(), (double) 0.1f, Map.of("town", "Oslo")));

    // filters see the values as the new schema has them: widened, renamed, defaulted; row groups too
    ReadMetrics metrics = new ReadMetrics();
    assertThat(ParquetFormat.read(store.newInputFile(loc), next, next.select(List.of("id")),
        Expressions.bind(Expressions.and(Expressions.equal("region", "north"),
            Expressions.equal("address.town", "Oslo"), Expressions.greaterThan("day", "2026-01-01T12:00"),
            Expressions.greaterThan("id", 6L)), next), metrics).toList()).hasSize(1);
    assertThat(ParquetFormat.read(store.newInputFile(loc), next, next.select(List.of("id")),
        Expressions.bind(Expressions.equal("region", "south"), next), metrics).toList()).isEmpty();
    assertThat(metrics.rowGroupsSkipped()).isEqualTo(1);
  }
}
