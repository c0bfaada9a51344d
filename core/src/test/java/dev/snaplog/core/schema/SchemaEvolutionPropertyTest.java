package dev.snaplog.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.data.ParquetFormat;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.local.LocalObjectStore;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Evolves a schema at random (add, add required with a default, rename, drop, widen, make optional, move; at
 * the top level and inside a struct), writes a file under every version, and reads every file back under
 * the last schema: each value must be the one written (widened where the column was widened), fields added
 * later must read as their default or null. 25 cases of {@code snaplog.evolution.versions} schema versions
 * each (default 8; raise it to run longer histories).
 */
class SchemaEvolutionPropertyTest {
  private static final List<Type> ADDABLE = List.of(Type.INT, Type.LONG, Type.FLOAT, Type.STRING, Type.DATE,
      Type.decimal(5, 2));

  private static final int VERSIONS = Integer.getInteger("snaplog.evolution.versions", 8);

  private final LocalObjectStore store = new LocalObjectStore();

  private record Written(String location, List<Record> rows) {}

  /** A history that deletes every column but the id: the generator then has only additions to draw. */
  @Example
  void aHistoryThatLeavesOnlyTheIdReadsBack() throws IOException {
    filesWrittenUnderEveryVersionReadBackUnderTheLast(3007570243790700113L);
  }

  @Property(tries = 25)
  void filesWrittenUnderEveryVersionReadBackUnderTheLast(@ForAll long seed) throws IOException {
    Random rnd = new Random(seed);
    Path dir = Files.createTempDirectory("evolve");
    Schema schema = Schema.parse("id long not null, a int, f float, d date, s struct<x int, y string>");
    int lastId = schema.highestFieldId();
    List<Written> files = new ArrayList<>();
    List<String> log = new ArrayList<>();
    for (int version = 0; version < VERSIONS; version++) {
      files.add(write(dir.resolve(version + ".parquet").toString(), schema, rnd));
      SchemaUpdate u = SchemaUpdate.detached(schema, lastId, List.of());
      try {
        log.add(randomChange(u, schema, rnd));
      } catch (ValidationException e) {
        log.add("refused: " + e.getMessage());
        continue;
      }
      schema = u.apply();
      lastId = u.lastColumnId();
    }
    Schema last = schema;
    for (Written w : files) {
      List<Record> read = ParquetFormat.read(store.newInputFile(w.location()), last, last,
          Expressions.alwaysTrue()).toList();
      List<Record> expected = w.rows().stream().map(r -> (Record) expected(r, last.fields(), last)).toList();
      assertThat(read).as("changes %s", log).isEqualTo(expected);
    }
  }

  private String randomChange(SchemaUpdate u, Schema schema, Random rnd) {
    List<Field> candidates = new ArrayList<>(schema.fieldsById().values().stream()
        .filter(f -> f.id() != schema.field("id").id()).filter(f -> !f.name().equals(Type.ELEMENT)).toList());
    candidates.sort(java.util.Comparator.comparingInt(Field::id));
    Field target = candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
    String name = target == null ? null : schema.findName(target.id()).orElseThrow();
    Type type = ADDABLE.get(rnd.nextInt(ADDABLE.size()));
    String fresh = "c" + Math.abs(rnd.nextInt(1000));
    List<Field> structs = schema.fields().stream().filter(f -> f.type().id() == TypeId.STRUCT).toList();
    // once every column but the id is gone, only additions have a column to act on
    switch (target == null ? rnd.nextInt(3) : rnd.nextInt(8)) {
      case 0 -> u.addColumn(fresh, type);
      case 1 -> u.addRequiredColumn(fresh, type, sample(type, rnd));
      case 2 -> {
        String parent = structs.isEmpty() ? fresh : structs.get(0).name() + "." + fresh;
        u.addColumn(parent, type);
        return "add " + parent + " " + type;
      }
      case 3 -> u.renameColumn(name, fresh);
      case 4 -> u.deleteColumn(name);
      case 5 -> u.updateColumn(name, widened(target.type()));
      case 6 -> u.makeColumnOptional(name);
      default -> u.moveFirst(name);
    }
    return name + " / " + fresh + " / " + type;
  }

  private static Type widened(Type t) {
    return switch (t.id()) {
      case INT -> Type.LONG;
      case FLOAT -> Type.DOUBLE;
      case DECIMAL -> Type.decimal(t.precision() + 3, t.scale());
      case DATE -> Type.TIMESTAMP;
      default -> Type.STRING; // not a widening: refused, and the schema stays
    };
  }

  private Written write(String location, Schema schema, Random rnd) {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add((Record) value(Type.struct(schema.fields()), schema, rnd));
    }
    try (DataWriter w = ParquetFormat.newWriter(store.newOutputFile(location), schema, "db.t")) {
      rows.forEach(w::write);
      w.complete();
    }
    return new Written(location, rows);
  }

  private static Object value(Type type, Schema top, Random rnd) {
    if (type.id() != TypeId.STRUCT) {
      return sample(type, rnd);
    }
    Object[] values = new Object[type.fields().size()];
    for (int i = 0; i < values.length; i++) {
      Field f = type.fields().get(i);
      values[i] = !f.required() && rnd.nextInt(4) == 0 ? null : value(f.type(), top, rnd);
    }
    Schema s = top != null && type.fields().equals(top.fields()) ? top : type.asSchema();
    return GenericRecord.of(s, values);
  }

  private static Object sample(Type type, Random rnd) {
    return switch (type.id()) {
      case INT -> rnd.nextInt(1000) - 500;
      case LONG -> rnd.nextLong();
      case FLOAT -> rnd.nextFloat() * 100;
      case DOUBLE -> rnd.nextDouble();
      case STRING -> "v" + rnd.nextInt(100);
      case DATE -> LocalDate.of(2026, 1, 1).plusDays(rnd.nextInt(400) - 200);
      case TIMESTAMP -> LocalDate.of(2026, 1, 1).atStartOfDay().plusSeconds(rnd.nextInt(100_000));
      case DECIMAL -> BigDecimal.valueOf(rnd.nextInt(20_000) - 10_000, type.scale());
      default -> throw new IllegalArgumentException("no sample of " + type);
    };
  }

  /** What a row written under an older schema must read as under {@code fields}: matched by id, widened. */
  private static Object expected(Record written, List<Field> fields, Schema top) {
    Object[] out = new Object[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      int pos = -1;
      List<Field> old = written.schema().fields();
      for (int j = 0; j < old.size(); j++) {
        if (old.get(j).id() == f.id()) {
          pos = j;
        }
      }
      if (pos < 0) {
        out[i] = f.initialDefault();
      } else if (f.type().id() == TypeId.STRUCT) {
        Object v = written.get(pos);
        out[i] = v == null ? null : expected((Record) v, f.type().fields(), null);
      } else {
        Object v = written.get(pos);
        Type was = old.get(pos).type();
        out[i] = v == null ? null : dev.snaplog.core.types.Promotions.promote(was, f.type(), v);
      }
    }
    return GenericRecord.wrap(top != null ? top : Type.struct(fields).asSchema(), out);
  }
}
