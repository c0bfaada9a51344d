package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files whose read columns are all top-level primitives are read column by column ({@link ColumnwiseRowIterator}):
 * every type, written with random Parquet settings (page versions, dictionaries that fall back, byte-stream split,
 * many small pages and row groups), read with random projections (a column the file lacks included), random
 * deleted positions and a random filter, must give exactly the model's rows: the rows written, minus the deleted
 * ones, those the filter accepts, projected.
 */
class ColumnwiseRowReadTest {
  private static final int ROUNDS = Integer.getInteger("snaplog.columnwise-read.rounds", 30);
  private static final long SEED = Long.getLong("snaplog.columnwise-read.seed", 20261203L);
  /** The written columns and one added after the files were written. */
  private static final Schema TABLE;

  static {
    List<Field> fields = new ArrayList<>(AllTypes.SCHEMA.fields());
    fields.add(Field.optional(40, "added", Type.LONG));
    TABLE = new Schema(fields);
  }

  @TempDir
  Path dir;

  private final LocalObjectStore store = new LocalObjectStore();

  @Test
  void randomFilesProjectionsDeletesAndFiltersReadAsTheModel() throws IOException {
    Random seeds = new Random(SEED);
    for (int round = 0; round < ROUNDS; round++) {
      long seed = seeds.nextLong();
      Random rnd = new Random(seed);
      List<Record> written = rows(rnd);
      ParquetProperties props = ParquetTestFiles.randomProperties(rnd);
      CompressionCodecName codec = ParquetTestFiles.randomCodec(rnd);
      String loc = dir.resolve("f" + round + ".parquet").toString();
      ParquetTestFiles.write(store, loc, AllTypes.SCHEMA, written, props, codec);

      Schema projection = randomProjection(rnd);
      Expression filter = Expressions.bind(randomFilter(rnd, written), TABLE);
      BitSet deleted = randomDeletes(rnd, written.size());
      String where = "round " + round + " (seed " + seed + ", " + written.size() + " rows, "
          + props.getWriterVersion() + ", dictionary " + props.isEnableDictionary() + ", " + codec + ", projection "
          + projection.columnNames() + ", filter " + filter + ", " + deleted.cardinality() + " deleted)";

      ReadMetrics metrics = new ReadMetrics();
      List<Record> read;
      try (CloseableIterable<Record> rows = ParquetFormat.read(store.newInputFile(loc), TABLE, projection, filter,
          p -> deleted.get((int) p), metrics)) {
        read = rows.toList();
      }
      List<Record> expected = expected(written, projection, filter, deleted);
      assertThat(read).as(where).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        for (int c = 0; c < projection.size(); c++) {
          assertThat(read.get(i).get(c)).as("%s row %s column %s", where, i, projection.fields().get(c).name())
              .isEqualTo(expected.get(i).get(c));
        }
      }
    }
  }

  @Test
  void aFileWithNoneOfTheProjectedColumnsReadsTheirDefaultsForEveryLiveRow() throws IOException {
    List<Record> written = AllTypes.rows(700, 7L);
    String loc = dir.resolve("none.parquet").toString();
    ParquetTestFiles.write(store, loc, AllTypes.SCHEMA, written, ParquetProperties.builder()
        .withRowGroupRowCountLimit(200).build(), CompressionCodecName.UNCOMPRESSED);
    Schema projection = TABLE.select(List.of("added"));
    BitSet deleted = new BitSet();
    deleted.set(100, 650);
    List<Record> read;
    try (CloseableIterable<Record> rows = ParquetFormat.read(store.newInputFile(loc), TABLE, projection,
        Expressions.alwaysTrue(), p -> deleted.get((int) p), new ReadMetrics())) {
      read = rows.toList();
    }
    assertThat(read).hasSize(150).allSatisfy(r -> assertThat(r.get(0)).isNull());
  }

  /** Random rows of every type; in half the rounds each column draws from a few values, so chunks use dictionaries. */
  private static List<Record> rows(Random rnd) {
    int count = rnd.nextInt(3000);
    List<Record> random = AllTypes.rows(count, rnd.nextLong());
    if (rnd.nextBoolean()) {
      return random.subList(0, count);
    }
    List<Record> pool = AllTypes.rows(3 + rnd.nextInt(6), rnd.nextLong());
    List<Record> out = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      Object[] values = new Object[AllTypes.SCHEMA.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = pool.get(rnd.nextInt(pool.size())).get(c);
      }
      out.add(GenericRecord.of(AllTypes.SCHEMA, values));
    }
    return out;
  }

  private static Schema randomProjection(Random rnd) {
    List<String> names = new ArrayList<>(TABLE.columnNames());
    Collections.shuffle(names, rnd);
    return TABLE.select(names.subList(0, 1 + rnd.nextInt(names.size())));
  }

  /** No filter, a null test, or a bound taken from a written row, on a column that may not be projected. */
  private static Expression randomFilter(Random rnd, List<Record> written) {
    String[] columns = {"id", "i", "l", "d", "s", "date", "ts", "added"};
    String column = columns[rnd.nextInt(columns.length)];
    int pos = TABLE.columnNames().indexOf(column);
    Object value = written.isEmpty() || pos >= AllTypes.SCHEMA.size() ? null
        : written.get(rnd.nextInt(written.size())).get(pos);
    return switch (rnd.nextInt(4)) {
      case 0 -> Expressions.alwaysTrue();
      case 1 -> value == null ? Expressions.isNull(column) : Expressions.greaterThanOrEqual(column, value);
      case 2 -> value == null ? Expressions.notNull(column) : Expressions.lessThan(column, value);
      default -> Expressions.notNull(column);
    };
  }

  private static BitSet randomDeletes(Random rnd, int rows) {
    BitSet deleted = new BitSet(rows);
    double share = new double[] {0, 0.01, 0.5, 0.99, 1}[rnd.nextInt(5)];
    for (int p = 0; p < rows; p++) {
      if (rnd.nextDouble() < share) {
        deleted.set(p);
      }
    }
    return deleted;
  }

  private static List<Record> expected(List<Record> written, Schema projection, Expression filter, BitSet deleted) {
    List<Record> out = new ArrayList<>();
    for (int p = 0; p < written.size(); p++) {
      Object[] full = new Object[TABLE.size()];
      for (int c = 0; c < AllTypes.SCHEMA.size(); c++) {
        full[c] = written.get(p).get(c);
      }
      Record row = GenericRecord.wrap(TABLE, full);
      if (deleted.get(p) || !Evaluators.matches(filter, row)) {
        continue;
      }
      Object[] projected = new Object[projection.size()];
      for (int c = 0; c < projected.length; c++) {
        projected[c] = full[TABLE.columnNames().indexOf(projection.fields().get(c).name())];
      }
      out.add(GenericRecord.wrap(projection, projected));
    }
    return out;
  }
}
