package dev.snaplog.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.ColumnStats;
import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * File stats, which the writer takes from Parquet's own column statistics for most fields and collects row by
 * row only for floats, doubles and fields inside lists and maps, against a straightforward reference that
 * walks every value of every row: every type, NaN, -0.0, nulls at every level, strings of thousands of
 * characters (longer than any length Parquet shortens footer bounds to) and characters beyond the BMP, over
 * random row-group sizes. Every file also reads back to the rows written.
 */
class FileStatsPropertyTest {
  private static final List<Field> NESTED = List.of(
      Field.optional(20, "addr", Type.struct(Field.optional(21, "city", Type.STRING),
          Field.required(22, "zip", Type.INT), Field.optional(23, "lat", Type.DOUBLE))),
      Field.optional(24, "tags", Type.list(25, Type.STRING, false)),
      Field.optional(26, "scores", Type.map(27, Type.STRING, 28, Type.FLOAT, false)),
      Field.optional(29, "long_s", Type.STRING),
      Field.optional(30, "nums", Type.list(31, Type.LONG, false)));
  private static final Schema SCHEMA = schema();

  private static Path dir;
  private final LocalObjectStore store = new LocalObjectStore();

  @BeforeContainer
  static void createDir() throws Exception {
    dir = Files.createTempDirectory("file-stats");
  }

  @AfterContainer
  static void removeDir() throws Exception {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 25)
  void fileStatsEqualTheReference(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200) int rowCount,
      @ForAll @IntRange(min = 7, max = 120) int rowGroupRows) {
    Random rnd = new Random(seed);
    List<Record> rows = new ArrayList<>();
    if (rowCount > 0) {
      rows.addAll(AllTypes.edgeRows().stream().limit(rowCount).map(r -> extend(r, rnd)).toList());
    }
    for (int i = rows.size(); i < rowCount; i++) {
      rows.add(extend(AllTypes.randomRow(i, rnd), rnd));
    }
    String loc = dir.resolve(UUID.randomUUID() + ".parquet").toString();
    DataFile file;
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(loc), SCHEMA, "db.stats",
        WriteOptions.defaults().withRowGroupRowLimit(rowGroupRows))) {
      rows.forEach(w::write);
      file = w.complete();
    }

    assertThat(file.columnStats()).isEqualTo(reference(SCHEMA, rows));
    List<Record> back = new ArrayList<>();
    try (CloseableIterable<Record> read = ParquetFormat.read(store.newInputFile(loc), SCHEMA, SCHEMA,
        Expressions.alwaysTrue())) {
      read.forEach(back::add);
    }
    assertThat(back).isEqualTo(rows);
  }

  private static Schema schema() {
    List<Field> fields = new ArrayList<>(AllTypes.SCHEMA.fields());
    fields.addAll(NESTED);
    return new Schema(fields);
  }

  private static Record extend(Record base, Random rnd) {
    Object[] values = new Object[SCHEMA.size()];
    for (int i = 0; i < base.size(); i++) {
      values[i] = base.get(i);
    }
    int n = base.size();
    if (rnd.nextInt(4) > 0) {
      Map<String, Object> addr = new HashMap<>();
      addr.put("city", rnd.nextInt(3) == 0 ? null : text(rnd, 6));
      addr.put("zip", rnd.nextInt(100_000));
      addr.put("lat", rnd.nextInt(5) == 0 ? null : someDouble(rnd));
      values[n] = addr;
    }
    if (rnd.nextInt(4) > 0) {
      List<String> tags = new ArrayList<>();
      for (int i = rnd.nextInt(4); i > 0; i--) {
        tags.add(rnd.nextInt(4) == 0 ? null : text(rnd, 5));
      }
      values[n + 1] = tags;
    }
    if (rnd.nextInt(4) > 0) {
      Map<String, Float> scores = new LinkedHashMap<>();
      for (int i = rnd.nextInt(4); i > 0; i--) {
        scores.put(text(rnd, 3) + i, rnd.nextInt(4) == 0 ? null : (float) someDouble(rnd));
      }
      values[n + 2] = scores;
    }
    if (rnd.nextInt(3) > 0) {
      values[n + 3] = text(rnd, rnd.nextInt(4) == 0 ? 3_000 : 80);
    }
    if (rnd.nextInt(3) > 0) {
      List<Long> nums = new ArrayList<>();
      for (int i = rnd.nextInt(3); i > 0; i--) {
        nums.add(rnd.nextInt(5) == 0 ? null : rnd.nextLong());
      }
      values[n + 4] = nums;
    }
    return GenericRecord.of(SCHEMA, values);
  }

  private static double someDouble(Random rnd) {
    return switch (rnd.nextInt(6)) {
      case 0 -> Double.NaN;
      case 1 -> -0.0;
      case 2 -> 0.0;
      default -> rnd.nextGaussian() * 100;
    };
  }

  // mostly ASCII, with characters beyond the BMP and high BMP ones, whose UTF-16 order differs from UTF-8
  private static String text(Random rnd, int maxLength) {
    StringBuilder sb = new StringBuilder();
    int len = rnd.nextInt(maxLength + 1);
    for (int i = 0; i < len; i++) {
      switch (rnd.nextInt(8)) {
        case 0 -> sb.appendCodePoint(0x1F600 + rnd.nextInt(50));
        case 1 -> sb.append((char) (0xE000 + rnd.nextInt(0x1000)));
        case 2 -> sb.append((char) (0x00C0 + rnd.nextInt(0x100)));
        default -> sb.append((char) ('a' + rnd.nextInt(3)));
      }
    }
    return sb.toString();
  }

  /**
   * Walks every value: a field inside structs counts a null where it or an enclosing struct is null; inside a
   * list or map each element, key and value counts once; NaN is never a bound.
   */
  static Map<Integer, ColumnStats> reference(Schema schema, List<Record> rows) {
    Map<Integer, List<Object>> values = new HashMap<>();
    Map<Integer, long[]> nulls = new HashMap<>();
    for (Field f : schema.fields()) {
      register(f, values, nulls);
    }
    for (Record r : rows) {
      for (int i = 0; i < schema.size(); i++) {
        visit(schema.fields().get(i), r.get(i), values, nulls);
      }
    }
    Map<Integer, ColumnStats> out = new HashMap<>();
    values.forEach((id, vs) -> {
      vs.sort(order());
      out.put(id, new ColumnStats(nulls.get(id)[0], vs.isEmpty() ? null : vs.get(0),
          vs.isEmpty() ? null : vs.get(vs.size() - 1)));
    });
    return out;
  }

  private static void register(Field f, Map<Integer, List<Object>> values, Map<Integer, long[]> nulls) {
    if (f.type().isPrimitive()) {
      values.put(f.id(), new ArrayList<>());
      nulls.put(f.id(), new long[1]);
    } else {
      f.type().fields().forEach(c -> register(c, values, nulls));
    }
  }

  private static void visit(Field f, Object v, Map<Integer, List<Object>> values, Map<Integer, long[]> nulls) {
    Type t = f.type();
    switch (t.id()) {
      case STRUCT -> {
        for (int i = 0; i < t.fields().size(); i++) {
          visit(t.fields().get(i), v == null ? null : ((Record) v).get(i), values, nulls);
        }
      }
      case LIST -> {
        if (v != null) {
          ((List<?>) v).forEach(e -> visit(t.elementField(), e, values, nulls));
        }
      }
      case MAP -> {
        if (v != null) {
          ((Map<?, ?>) v).forEach((k, x) -> {
            visit(t.keyField(), k, values, nulls);
            visit(t.valueField(), x, values, nulls);
          });
        }
      }
      default -> {
        if (v == null) {
          nulls.get(f.id())[0]++;
        } else if (!(v instanceof Float x && x.isNaN() || v instanceof Double y && y.isNaN())) {
          values.get(f.id()).add(v);
        }
      }
    }
  }

  // independent of Comparators: UTF-8 bytes for strings, unsigned bytes for binary and UUIDs
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> order() {
    return (a, b) -> {
      if (a instanceof String x) {
        return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
            ((String) b).getBytes(StandardCharsets.UTF_8));
      }
      if (a instanceof ByteBuffer x) {
        return Arrays.compareUnsigned(bytes(x), bytes((ByteBuffer) b));
      }
      if (a instanceof UUID x) {
        return Arrays.compareUnsigned(ParquetValues.uuidBytes(x), ParquetValues.uuidBytes((UUID) b));
      }
      return ((Comparable) a).compareTo(b);
    };
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
