package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file column by column: the row reader's column matching, defaults and row-group skipping. */
class ColumnarFileReaderTest {
  private static final Schema WRITTEN = Schema.parse("id int not null, name string, score double");

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();
  private String loc;

  /** Ten row groups of 100 rows, ids 0..999 in order; every seventh name null. */
  @BeforeEach
  void writeFile() {
    loc = dir.resolve("columns.parquet").toString();
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), WRITTEN, "db.t",
        WriteOptions.defaults().withRowGroupRowLimit(100))) {
      for (int id = 0; id < 1000; id++) {
        w.write(GenericRecord.of(WRITTEN, id, id % 7 == 0 ? null : "n" + id, id * 0.5));
      }
      w.complete();
    }
  }

  @Test
  void skipsTheRowGroupsTheRowReaderSkipsAndDecodesWhatItKeeps() {
    Expression filter = Expressions.bind(Expressions.and(Expressions.greaterThanOrEqual("id", 250),
        Expressions.lessThan("score", 200.0)), WRITTEN);
    Schema projection = WRITTEN.select(List.of("name"));
    ReadMetrics rowMetrics = new ReadMetrics();
    ParquetFormat.read(store.newInputFile(loc), WRITTEN, projection, filter, rowMetrics).toList();
    ReadMetrics columnMetrics = new ReadMetrics();
    List<Long> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), WRITTEN, projection, filter,
        columnMetrics)) {
      while (r.nextRowGroup()) {
        starts.add(r.rowGroupStart());
        ColumnReader c = r.reader(0);
        for (long i = 0; i < r.rowGroupRows(); i++) {
          names.add(c.getCurrentDefinitionLevel() == c.getDescriptor().getMaxDefinitionLevel()
              ? c.getBinary().toStringUsingUTF8() : null);
          c.consume();
        }
      }
    }
    // groups 2 and 3 may hold ids >= 250 with scores < 200 (ids < 400); the row reader keeps the same two
    assertThat(starts).containsExactly(200L, 300L);
    assertThat(columnMetrics.rowGroupsSkipped()).isEqualTo(rowMetrics.rowGroupsSkipped()).isEqualTo(8);
    assertThat(columnMetrics.rowGroupsRead()).isEqualTo(rowMetrics.rowGroupsRead());
    assertThat(names).hasSize(200);
    assertThat(names.get(3)).isNull(); // id 203
    assertThat(names.get(99)).isEqualTo("n299");
  }

  @Test
  void matchesColumnsByIdAndGivesTheDefaultOfAColumnTheFileLacks() {
    Schema evolved = new Schema(1, List.of(WRITTEN.fields().get(0).withType(Type.LONG),
        WRITTEN.fields().get(1).withName("label"), new dev.snaplog.core.Field(9, "flag", Type.INT, true, 7)));
    try (ColumnarFileReader r = ParquetFormat.readColumns(store.newInputFile(loc), evolved, evolved,
        Expressions.alwaysTrue(), new ReadMetrics())) {
      List<ColumnarFileReader.Column> cols = r.columns();
      assertThat(cols.get(0).fileType()).isEqualTo(Type.INT);
      assertThat(cols.get(0).field().type()).isEqualTo(Type.LONG);
      assertThat(cols.get(1).inFile()).isTrue();
      assertThat(cols.get(1).field().name()).isEqualTo("label");
      assertThat(cols.get(2).inFile()).isFalse();
      assertThat(cols.get(2).defaultValue()).isEqualTo(7);
      assertThat(r.nextRowGroup()).isTrue();
      ColumnReader ids = r.reader(0);
      ids.skip(); // a value not read must be skipped, or the next row reads it
      ids.consume();
      assertThat(ids.getInteger()).isEqualTo(1);
      assertThatThrownBy(() -> r.reader(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("flag");
    }
  }

  @Test
  void refusesNestedColumns() {
    Schema nested = Schema.parse("id int not null, s struct<a int>");
    assertThatThrownBy(() -> ParquetFormat.readColumns(store.newInputFile(loc), nested, nested,
        Expressions.alwaysTrue(), new ReadMetrics())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'s'");
  }
}
