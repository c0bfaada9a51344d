package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetProjectionTest {
  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();
  private List<Record> rows;
  private String loc;

  @BeforeEach
  void writeFile() {
    rows = AllTypes.rows(300, 8);
    loc = dir.resolve("p.parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), AllTypes.SCHEMA, "db.t",
        WriteOptions.defaults().withRowGroupRowLimit(64))) {
      rows.forEach(w::write);
      w.complete();
    }
  }

  private List<Record> read(Schema table, Schema projection) {
    return ParquetFormat.read(store.newInputFile(loc), table, projection, Expressions.alwaysTrue()).toList();
  }

  @Test
  void returnsOnlyTheSelectedColumnsInTheRequestedOrder() {
    Schema projection = AllTypes.SCHEMA.select(List.of("u", "id", "dec38", "s"));

    List<Record> result = read(AllTypes.SCHEMA, projection);

    assertThat(result).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Record r = result.get(i);
      Record original = rows.get(i);
      assertThat(r.schema()).isEqualTo(projection);
      assertThat(r.size()).isEqualTo(4);
      assertThat(r).isEqualTo(GenericRecord.of(projection, original.get("u"), original.get("id"),
          original.get("dec38"), original.get("s")));
    }
  }

  @Test
  void columnsAreMatchedByIdSoRenamesAndAddedColumnsWork() {
    // the table renamed "s" (id 11) to "label" and gained an optional column after the file was written
    List<Field> evolved = new java.util.ArrayList<>();
    for (Field f : AllTypes.SCHEMA.fields()) {
      evolved.add(f.id() == 11 ? Field.optional(11, "label", Type.STRING) : f);
    }
    evolved.add(Field.optional(100, "added", Type.INT));
    Schema table = new Schema(1, evolved);
    Schema projection = table.select(List.of("id", "label", "added"));
    String firstLabel = (String) rows.get(5).get("s");

    List<Record> result = ParquetFormat.read(store.newInputFile(loc), table, projection,
        Expressions.bind(Expressions.and(Expressions.equal("label", firstLabel), Expressions.isNull("added")),
            table)).toList();

    assertThat(result).isNotEmpty().allMatch(r -> firstLabel.equals(r.get("label")) && r.get("added") == null);
    assertThat(result).contains(GenericRecord.of(projection, rows.get(5).get("id"), firstLabel, null));
  }

  @Test
  void filterOnAColumnMissingFromTheFileSkipsEveryRowGroup() {
    Schema table = new Schema(1, new java.util.ArrayList<>(AllTypes.SCHEMA.fields()) {
      {
        add(Field.optional(100, "added", Type.INT));
      }
    });
    ReadMetrics metrics = new ReadMetrics();

    List<Record> result = ParquetFormat.read(store.newInputFile(loc), table, table,
        Expressions.bind(Expressions.equal("added", 1), table), metrics).toList();

    assertThat(result).isEmpty();
    assertThat(metrics.rowGroupsRead()).isZero();
    assertThat(metrics.rowGroupsSkipped()).isEqualTo(5);
  }

  @Test
  void projectingAColumnOutsideTheTableIsRefused() {
    Schema other = Schema.of(Field.optional(77, "ghost", Type.STRING));
    assertThatThrownBy(() -> read(AllTypes.SCHEMA, other)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void aFileColumnOfAnotherTypeIsReportedAsCorrupt() {
    Schema wrong = Schema.of(Field.required(1, "id", Type.STRING));
    assertThatThrownBy(() -> read(wrong, wrong)).isInstanceOf(CorruptTableException.class)
        .hasMessageContaining(loc).hasMessageContaining("'id'");
  }

  @Test
  void aFileThatIsNotParquetIsReportedAsCorrupt() {
    String garbage = dir.resolve("garbage.parquet").toString();
    store.putIfAbsent(garbage, "not a parquet file at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThatThrownBy(() -> ParquetFormat.read(store.newInputFile(garbage), AllTypes.SCHEMA, AllTypes.SCHEMA,
        Expressions.alwaysTrue()).toList()).isInstanceOf(CorruptTableException.class).hasMessageContaining(garbage);
  }
}
