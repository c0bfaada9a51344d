package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.AppendFiles;
import dev.snaplog.core.Catalog;
import dev.snaplog.core.Field;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.TableScan;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Evolves a partitioned table's schema at random between appends (add a column, optional or required with a
 * default, at the top level or inside a struct, or under a dropped column's name; add a struct, a list or a map;
 * drop; rename; widen int to long, float to double, decimal to more digits, date to timestamp; make optional;
 * move) and tries the changes the table must refuse (dropping the partition source or the only field of a
 * struct, a narrowing or unrelated type change, a required column without a default, a rename onto a sibling's
 * name). Lists and maps, at the top level and inside structs, hold primitives or structs; the changes reach
 * inside them ({@code tags.element}, {@code attrs.key}, {@code attrs.value.x}): fields are added to, dropped from
 * and renamed in a struct that is a list element or map value, elements, keys and values are widened, elements
 * and values made optional; and the table must refuse to drop, rename or move an element, key or value, to make
 * a key optional, to add a field to a list or map itself, or to change an element, key or value to a type that
 * is no widening. Filters take only fields outside lists and maps, where a row has one value. Between the
 * changes it appends, appends across a concurrent schema change, deletes rows, compacts, and filters on evolved
 * fields. An in-memory model keeps every row as written, by field id, and the schema as it should be. After every
 * step the current scan must show the model's schema and rows (dropped columns gone, added ones null or their
 * default, renamed ones under the new name, widened values widened); a refused change must be a
 * {@link ValidationException} naming the column, with the table left at its version and schema. At the end the
 * table is loaded afresh and every snapshot of the history is read by time travel, under the schema current
 * when it was committed. jqwik shrinks a failing sequence to a minimal one and prints it. Run more with
 * {@code -Djqwik.tries.default=N}.
 */
class SchemaEvolutionModelTest {
  private static final TableId T = TableId.of("db", "evolving");
  private static final String SCHEMA = "id long not null, n int not null, f float, amount decimal(6,2),"
      + " d date not null, name string, loc struct<x int, y string not null, pts list<struct<u float, v date not null>>>,"
      + " tags list<int>, attrs map<int, struct<x int, y float not null>>, hist map<date, float not null>";
  private static final List<Type> TYPES = List.of(Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE,
      Type.decimal(5, 2), Type.STRING, Type.DATE, Type.TIMESTAMP, Type.BOOLEAN);
  /** Dates and timestamps fall within three days, so an append writes at most three files under {@code day(d)}. */
  private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** One step of a sequence; {@code toString} is what a shrunk failure prints. */
  sealed interface Op permits Append, StaleAppend, DeleteRows, Compact, Filter, AddColumn, AddStruct, AddCollection,
      Drop, Rename, Widen, MakeOptional, MoveFirst, AddRequiredWithoutDefault {}

  /** Appends {@code rows} rows with values drawn from {@code seed} under the current schema. */
  record Append(int rows, long seed) implements Op {}

  /**
   * Writes {@code rows} rows under the current schema, lets another handle of the table make {@code change}, then
   * commits the append: it still commits, its snapshot names the new schema, and its rows read under it.
   */
  record StaleAppend(int rows, long seed, Op change) implements Op {}

  /** Deletes the rows with ids from {@code first} to below {@code first + count} (a deletion vector). */
  record DeleteRows(int first, int count) implements Op {}

  /** Compacts the small files, old and new schemas alike, into files of the current schema. */
  record Compact() implements Op {}

  /**
   * Scans with a filter on the leaf field picked: equal to, less than, or at least the value one row has there
   * now ({@code kind} 0, 1, 2), or null when that value is null. Files written before a widening prune by
   * bounds of the narrower type, and renamed fields are filtered under their new name.
   */
  record Filter(int pick, int row, int kind) implements Op {}

  /**
   * Adds a column of {@code TYPES[type]}, required with a default or optional, to the struct picked by
   * {@code parent} (the top level when negative or when there is no struct); with {@code dropped}, at the top
   * level under the name of a column dropped before, when there is one: a new column, old data stays unread.
   */
  record AddColumn(int type, boolean required, int parent, boolean dropped) implements Op {}

  /** Adds an optional {@code struct<a TYPES[type], b string not null>} where {@link AddColumn} would. */
  record AddStruct(int type, int parent) implements Op {}

  /**
   * Adds an optional {@code list<E>}, or {@code map<TYPES[key], E>} with {@code map}, where {@link AddColumn}
   * would; {@code E} is {@code TYPES[type]} or, with {@code structElement}, {@code struct<a TYPES[type], b string
   * not null>}, required or optional.
   */
  record AddCollection(boolean map, int key, int type, boolean structElement, boolean elementRequired, int parent)
      implements Op {}

  /** Drops the field picked (any but {@code id}, nested ones too). */
  record Drop(int pick) implements Op {}

  /** Renames the field picked to a new name, or onto the name of one of its siblings (refused). */
  record Rename(int pick, boolean ontoSibling) implements Op {}

  /**
   * Widens the field picked among those that can widen (list elements, map keys and values included), or
   * changes the field picked among all to a type that is no widening of it (refused).
   */
  record Widen(int pick, int digits, boolean notWidening) implements Op {}

  /** Makes the required field picked optional (any field when none is required: a change of nothing). */
  record MakeOptional(int pick) implements Op {}

  /** Moves the field picked first among its siblings. */
  record MoveFirst(int pick) implements Op {}

  /** Adds a required column with no default (refused: rows written before have no value for it). */
  record AddRequiredWithoutDefault(int type) implements Op {}

  @Provide
  Arbitrary<Op> op() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 40);
    Arbitrary<Integer> rows = Arbitraries.integers().between(1, 5);
    return Arbitraries.frequencyOf(
        Tuple.of(5, Combinators.combine(rows, Arbitraries.longs()).as(Append::new)),
        Tuple.of(1, Combinators.combine(rows, Arbitraries.longs(), schemaChange()).as(StaleAppend::new)),
        Tuple.of(3, Combinators.combine(pick, pick, Arbitraries.integers().between(0, 2)).as(Filter::new)),
        Tuple.of(1, Combinators.combine(pick, rows).as(DeleteRows::new)),
        Tuple.of(1, Arbitraries.just(new Compact())),
        Tuple.of(14, schemaChange()));
  }

  /** The schema changes, those the table must refuse included. */
  private static Arbitrary<Op> schemaChange() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 40);
    Arbitrary<Integer> type = Arbitraries.integers().between(0, TYPES.size() - 1);
    Arbitrary<Integer> parent = Arbitraries.integers().between(-3, 5);
    Arbitrary<Boolean> flag = Arbitraries.of(false, true);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Combinators.combine(type, flag, parent, Arbitraries.frequency(Tuple.of(3, false),
            Tuple.of(1, true))).as(AddColumn::new)),
        Tuple.of(1, Combinators.combine(type, parent).as(AddStruct::new)),
        Tuple.of(1, Combinators.combine(flag, type, type, flag, flag, parent).as(AddCollection::new)),
        Tuple.of(2, pick.map(Drop::new)),
        Tuple.of(2, Combinators.combine(pick, Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
            .as(Rename::new)),
        Tuple.of(3, Combinators.combine(pick, Arbitraries.integers().between(1, 20),
            Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true))).as(Widen::new)),
        Tuple.of(1, pick.map(MakeOptional::new)),
        Tuple.of(1, pick.map(MoveFirst::new)),
        Tuple.of(1, type.map(AddRequiredWithoutDefault::new)));
  }

  @Property
  void everySnapshotReadsBackUnderItsSchema(@ForAll @Size(min = 1, max = 16) List<@From("op") Op> ops) {
    Path dir = tempDir();
    String warehouse = dir.resolve("warehouse").toString();
    try {
      Model model = new Model();
      try (Catalog catalog = Catalogs.open(warehouse)) {
        catalog.createNamespace("db");
        Schema schema = Schema.parse(SCHEMA);
        Table t = catalog.createTable(T, schema, PartitionSpec.parse("day(d)", schema),
            Map.of("checkpoint.interval", "3"));
        model.columns = model.assignIds(initialColumns(), t.schema().fields());
        model.partitionSourceId = t.schema().field("d").id();
        model.idColumnId = t.schema().field("id").id();
        int step = 0;
        for (Op op : ops) {
          step++;
          String where = "step " + step + " (" + op + ") of " + ops;
          apply(catalog, t, op, model, where);
          check(t.newScan(), model.columns, model.rows, "current scan after " + where);
        }
      }
      // a fresh load reads every schema back from the stored metadata and checkpoints
      try (Catalog catalog = Catalogs.open(warehouse)) {
        Table t = catalog.loadTable(T);
        for (Seen s : model.snapshots) {
          check(t.newScan().useSnapshot(s.snapshotId()), s.columns(), s.rows(),
              "snapshot " + s.snapshotId() + " after " + ops);
        }
        check(t.newScan(), model.columns, model.rows, "current scan of the reloaded table after " + ops);
        assertThat(t.verify(true).problems()).as("verify after %s", ops).isEmpty();
      }
    } finally {
      delete(dir);
    }
  }

  /**
   * The widenings inside lists and maps on rows already written, which random sequences reach only now and
   * then: among the fields of {@link #SCHEMA} that widen, picks 7, 8 and 12 are {@code tags.element},
   * {@code attrs.key} and {@code hist.value}; a compaction then rewrites the old files under the wider types.
   */
  @Example
  void widensListElementsMapKeysAndMapValuesOfRowsWritten() {
    everySnapshotReadsBackUnderItsSchema(List.of(new Append(5, 1), new Widen(7, 1, false), new Append(3, 2),
        new Widen(8, 1, false), new Widen(12, 1, false), new Append(3, 3), new Compact()));
  }

  private static List<Col> initialColumns() {
    return List.of(Col.of("id", Type.LONG, true), Col.of("n", Type.INT, true), Col.of("f", Type.FLOAT, false),
        Col.of("amount", Type.decimal(6, 2), false), Col.of("d", Type.DATE, true),
        Col.of("name", Type.STRING, false),
        Col.struct("loc", List.of(Col.of("x", Type.INT, false), Col.of("y", Type.STRING, true),
            Col.list("pts", Col.struct(Type.ELEMENT, List.of(Col.of("u", Type.FLOAT, false),
                Col.of("v", Type.DATE, true)))))),
        Col.list("tags", Col.of(Type.ELEMENT, Type.INT, false)),
        Col.map("attrs", Type.INT, Col.struct(Type.VALUE, List.of(Col.of("x", Type.INT, false),
            Col.of("y", Type.FLOAT, true)))),
        Col.map("hist", Type.DATE, Col.of(Type.VALUE, Type.FLOAT, true)));
  }

  // ---- applying a step to the table and the model alike ----

  private static void apply(Catalog catalog, Table t, Op op, Model model, String where) {
    String fresh = "c" + model.nextName++;
    List<Located> fields = model.located().stream().filter(l -> l.col().id() != model.idColumnId).toList();
    if (op instanceof Append a) {
      committed(t, t.newAppend().appendRecords(newRows(t, a.rows(), a.seed(), model)).commit(), model, where);
    } else if (op instanceof StaleAppend a) {
      AppendFiles pending = t.newAppend().appendRecords(newRows(t, a.rows(), a.seed(), model));
      apply(catalog, catalog.loadTable(T), a.change(), model, where);
      committed(t, pending.commit(), model, where);
    } else if (op instanceof DeleteRows d) {
      deleteRows(t, d, model, where);
    } else if (op instanceof Compact) {
      if (t.refresh().currentSnapshot().isPresent()) {
        long version = t.version();
        Snapshot s = t.newRewrite().targetFileSizeBytes(1 << 20).commit();
        if (t.version() != version) {
          committed(t, s, model, where);
        }
      }
    } else if (op instanceof Filter f) {
      filter(t, f, model, where);
    } else if (op instanceof AddColumn a) {
      Type type = TYPES.get(a.type());
      Object dflt = a.required() ? value(type, new Random(fresh.hashCode())) : null;
      List<String> free = model.droppedNames.stream().filter(n -> model.columns.stream()
          .noneMatch(c -> c.name().equals(n))).toList();
      boolean again = a.dropped() && !free.isEmpty();
      String name = again ? free.get(0) : fresh;
      Located parent = again ? null : parent(model, a.parent(), true);
      String path = parent == null ? name : parent.path() + "." + name;
      Col added = a.required() ? Col.of(name, type, true).withDefault(dflt) : Col.of(name, type, false);
      boolean intoStruct = parent == null || parent.col().isStruct();
      change(catalog, t, model, where, intoStruct ? model.add(parent, added) : null,
          intoStruct ? null : new Refusal(path, "structs only"), u -> {
        if (a.required()) {
          u.addRequiredColumn(path, type, dflt);
        } else {
          u.addColumn(path, type);
        }
      });
    } else if (op instanceof AddStruct a) {
      Type type = TYPES.get(a.type());
      Located parent = parent(model, a.parent(), false);
      String path = parent == null ? fresh : parent.path() + "." + fresh;
      Col added = Col.struct(fresh, List.of(Col.of("a", type, false), Col.of("b", Type.STRING, true)));
      change(catalog, t, model, where, model.add(parent, added), null, u -> u.addColumn(path,
          Type.struct(Field.optional(1, "a", type), Field.required(2, "b", Type.STRING))));
    } else if (op instanceof AddCollection a) {
      Type type = TYPES.get(a.type());
      Located parent = parent(model, a.parent(), false);
      String path = parent == null ? fresh : parent.path() + "." + fresh;
      String part = a.map() ? Type.VALUE : Type.ELEMENT;
      Col item = a.structElement() ? Col.struct(part, List.of(Col.of("a", type, false), Col.of("b", Type.STRING, true)))
          : Col.of(part, type, false);
      item = a.elementRequired() ? item.asRequired() : item;
      Type itemType = a.structElement() ? Type.struct(Field.optional(1, "a", type),
          Field.required(2, "b", Type.STRING)) : type;
      Type keyType = TYPES.get(a.key());
      Col added = a.map() ? Col.map(fresh, keyType, item) : Col.list(fresh, item);
      Type addedType = a.map() ? Type.map(3, keyType, 4, itemType, a.elementRequired())
          : Type.list(3, itemType, a.elementRequired());
      change(catalog, t, model, where, model.add(parent, added), null, u -> u.addColumn(path, addedType));
    } else if (op instanceof Drop d) {
      Located target = fields.get(d.pick() % fields.size());
      Refusal refusal = target.part() ? new Refusal(target.path(), "part of it")
          : target.col().id() == model.partitionSourceId ? new Refusal(target.path(), "partition spec")
          : target.siblings().size() == 1 ? new Refusal(target.path(), "only field") : null;
      change(catalog, t, model, where, refusal == null ? model.columnsWithout(target.col().id()) : null, refusal,
          u -> u.deleteColumn(target.path()));
      if (refusal == null && !target.path().contains(".")) {
        model.droppedNames.add(target.path());
      }
    } else if (op instanceof Rename r) {
      Located target = fields.get(r.pick() % fields.size());
      List<Col> others = target.siblings().stream().filter(c -> c.id() != target.col().id()).toList();
      if (target.part()) {
        String name = r.ontoSibling() && !others.isEmpty() ? others.get(0).name() : fresh;
        change(catalog, t, model, where, null, new Refusal(target.path(), "part of it"),
            u -> u.renameColumn(target.path(), name));
      } else if (r.ontoSibling() && !others.isEmpty()) {
        String taken = others.get(r.pick() % others.size()).name();
        change(catalog, t, model, where, null, new Refusal(target.path(), "already exists"),
            u -> u.renameColumn(target.path(), taken));
      } else {
        change(catalog, t, model, where, model.replace(target.col().id(), c -> c.withName(fresh)), null,
            u -> u.renameColumn(target.path(), fresh));
      }
    } else if (op instanceof Widen w) {
      List<Located> widenable = fields.stream().filter(l -> l.col().type() != null
          && wider(l.col().type(), 1) != null).toList();
      List<Located> candidates = w.notWidening() || widenable.isEmpty() ? fields : widenable;
      Located target = candidates.get(w.pick() % candidates.size());
      Type from = target.col().type();
      Type wider = from == null ? null : wider(from, w.digits());
      if (wider != null && !w.notWidening()) {
        change(catalog, t, model, where, model.replace(target.col().id(), c -> c.withType(wider)), null,
            u -> u.updateColumn(target.path(), wider));
      } else {
        Type other = from == null ? Type.STRING : notWider(from);
        change(catalog, t, model, where, null, new Refusal(target.path(), "widen"),
            u -> u.updateColumn(target.path(), other));
      }
    } else if (op instanceof MakeOptional m) {
      List<Located> required = fields.stream().filter(l -> l.col().required()).toList();
      List<Located> from = required.isEmpty() ? fields : required;
      Located target = from.get(m.pick() % from.size());
      boolean key = target.part() && target.col().name().equals(Type.KEY);
      change(catalog, t, model, where, key ? null : model.replace(target.col().id(), Col::asOptional),
          key ? new Refusal(target.path(), "always required") : null, u -> u.makeColumnOptional(target.path()));
    } else if (op instanceof MoveFirst m) {
      Located target = fields.get(m.pick() % fields.size());
      change(catalog, t, model, where, target.part() ? null : model.moveFirst(target.col().id()),
          target.part() ? new Refusal(target.path(), "part of it") : null, u -> u.moveFirst(target.path()));
    } else if (op instanceof AddRequiredWithoutDefault a) {
      change(catalog, t, model, where, null, new Refusal(fresh, "without a default"),
          u -> u.addRequiredColumn(fresh, TYPES.get(a.type()), null));
    } else {
      throw new IllegalArgumentException("unknown step " + op);
    }
  }

  /** A struct to add a field to (or, with {@code orCollection}, a list or map too), or null for the top level. */
  private static Located parent(Model model, int pick, boolean orCollection) {
    List<Located> structs = model.located().stream()
        .filter(l -> l.col().isStruct() || orCollection && l.col().isNested()).toList();
    return pick < 0 || structs.isEmpty() ? null : structs.get(pick % structs.size());
  }

  /** Why the table must refuse a change: the column its error names, and a phrase of the reason it gives. */
  record Refusal(String column, String reason) {}

  /**
   * Makes a schema change through the public API. {@code next} is the model's schema after it (new fields
   * with id 0 until the table assigns them); when {@code refusal} is set instead, the table must refuse the
   * change with a {@link ValidationException} that names the table, its version, the column and the reason, and
   * stay as it was.
   */
  private static void change(Catalog catalog, Table t, Model model, String where, List<Col> next,
      Refusal refusal, Consumer<UpdateSchema> call) {
    long version = t.refresh().version();
    Schema schema = t.schema();
    if (refusal != null) {
      assertThatThrownBy(() -> {
        UpdateSchema u = t.updateSchema();
        call.accept(u);
        u.commit();
      }).as("refused at %s", where).isInstanceOf(ValidationException.class)
          .hasMessageStartingWith("Table db.evolving (version " + version + "): ")
          .hasMessageContaining("'" + refusal.column() + "'").hasMessageContaining(refusal.reason());
      Table reloaded = catalog.loadTable(T);
      assertThat(reloaded.version()).as("version after a refused change at %s", where).isEqualTo(version);
      assertThat(reloaded.schema()).as("schema after a refused change at %s", where).isEqualTo(schema);
      return;
    }
    UpdateSchema u = t.updateSchema();
    call.accept(u);
    Schema committed = u.commit();
    assertThat(t.refresh().schema()).as("committed schema at %s", where).isEqualTo(committed);
    List<Col> assigned = model.assignIds(next, t.schema().fields());
    boolean changed = !assigned.equals(model.columns);
    assertThat(t.version()).as("a change commits one version iff it changes the schema, at %s", where)
        .isEqualTo(changed ? version + 1 : version);
    model.columns = assigned;
  }

  private static void deleteRows(Table t, DeleteRows d, Model model, String where) {
    if (t.refresh().currentSnapshot().isEmpty()) {
      return; // a table with no rows yet refuses deletes; RowModelPropertyTest covers that
    }
    long first = d.first();
    long end = first + d.count();
    Predicate<Map<Integer, Object>> hit = r -> (Long) r.get(model.idColumnId) >= first
        && (Long) r.get(model.idColumnId) < end;
    boolean any = model.rows.stream().anyMatch(hit);
    long version = t.version();
    Snapshot s = t.newDelete().deleteWhere(Expressions.and(Expressions.greaterThanOrEqual("id", first),
        Expressions.lessThan("id", end))).commit();
    model.rows.removeIf(hit);
    assertThat(t.refresh().version() != version).as("a delete commits iff it matches a row, at %s", where)
        .isEqualTo(any);
    if (any) {
      committed(t, s, model, where);
    }
  }

  /** Draws {@code count} rows under the model's schema, keeps them in the model and returns them for {@code t}. */
  private static List<Record> newRows(Table t, int count, long seed, Model model) {
    Random rnd = new Random(seed);
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<Integer, Object> byId = new HashMap<>();
      long rowId = model.nextRowId++;
      Map<String, Object> byName = model.write(model.columns, rnd, byId, rowId);
      model.rows.add(byId);
      records.add(GenericRecord.fromMap(t.schema(), byName));
    }
    return records;
  }

  /** Records the snapshot of an append: it holds every row written so far, under the schema current now. */
  private static void committed(Table t, Snapshot s, Model model, String where) {
    assertThat(s.schemaId()).as("schema of the snapshot of %s", where).isEqualTo(t.refresh().schema().schemaId());
    model.snapshots.add(new Seen(s.snapshotId(), model.columns, List.copyOf(model.rows)));
  }

  // ---- reading back ----

  private static void filter(Table t, Filter f, Model model, String where) {
    // a row holds many values of a field inside a list or map, so filters take only the others
    List<Located> leaves = model.located().stream().filter(l -> !l.col().isNested() && !l.inCollection())
        .toList();
    String path = leaves.get(f.pick() % leaves.size()).path();
    List<Map<String, Object>> rows = model.rows.stream().map(r -> Model.expected(model.columns, r)).toList();
    Object literal = rows.isEmpty() ? null : valueAt(rows.get(f.row() % rows.size()), path);
    Expression filter;
    Predicate<Object> passes;
    if (literal == null) {
      filter = Expressions.isNull(path);
      passes = v -> v == null;
    } else {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Comparator<Object> cmp = (a, b) -> ((Comparable) a).compareTo(b);
      filter = switch (f.kind()) {
        case 0 -> Expressions.equal(path, literal);
        case 1 -> Expressions.lessThan(path, literal);
        default -> Expressions.greaterThanOrEqual(path, literal);
      };
      passes = v -> v != null && switch (f.kind()) {
        case 0 -> cmp.compare(v, literal) == 0;
        case 1 -> cmp.compare(v, literal) < 0;
        default -> cmp.compare(v, literal) >= 0;
      };
    }
    List<Object> expected = rows.stream().filter(r -> passes.test(valueAt(r, path))).map(r -> r.get("id"))
        .sorted().toList();
    List<Object> actual = t.newScan().filter(filter).records().toList().stream().map(r -> r.get("id"))
        .sorted().toList();
    assertThat(actual).as("rows matching %s at %s", filter, where).isEqualTo(expected);
  }

  /** The value at a dotted path of a row read by name; null below a null struct. */
  private static Object valueAt(Map<String, Object> row, String path) {
    Object v = row;
    for (String name : path.split("\\.")) {
      if (v == null) {
        return null;
      }
      v = ((Map<?, ?>) v).get(name);
    }
    return v;
  }

  /** The scan has the model's schema and exactly the first {@code rows} rows written, as they read under it. */
  private static void check(TableScan scan, List<Col> columns, List<Map<Integer, Object>> rows, String what) {
    assertThat(describe(scan.schema().fields(), "")).as("schema of %s", what)
        .isEqualTo(Col.describe(columns, ""));
    List<Map<String, Object>> actual = new ArrayList<>();
    for (Record r : scan.records().toList()) {
      actual.add(byName(r));
    }
    actual.sort(Comparator.comparing(m -> (Long) m.get("id")));
    List<Map<String, Object>> expected = new ArrayList<>();
    for (Map<Integer, Object> row : rows) {
      expected.add(Model.expected(columns, row));
    }
    expected.sort(Comparator.comparing(m -> (Long) m.get("id")));
    assertThat(actual).as("rows of %s", what).isEqualTo(expected);
  }

  private static Map<String, Object> byName(Record r) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < r.size(); i++) {
      out.put(r.schema().fields().get(i).name(), plain(r.get(i)));
    }
    return out;
  }

  /** A value read back with its records as maps by name, inside lists and maps too. */
  private static Object plain(Object v) {
    if (v instanceof Record r) {
      return byName(r);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(SchemaEvolutionModelTest::plain).toList();
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, plain(x)));
      return out;
    }
    return v;
  }

  /** One line per field, depth first: path, id, type, required, default; as {@link Col#describe} writes it. */
  private static List<String> describe(List<Field> fields, String prefix) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      boolean nested = f.type().isNested();
      out.add(Col.line(prefix + f.name(), f.id(), nested ? f.type().id().typeName() : f.type().toString(),
          f.required(), f.initialDefault()));
      if (nested) {
        out.addAll(describe(f.type().fields(), prefix + f.name() + "."));
      }
    }
    return out;
  }

  // ---- values ----

  private static Object value(Type type, Random rnd) {
    return switch (type.id()) {
      case BOOLEAN -> rnd.nextBoolean();
      case INT -> rnd.nextInt();
      case LONG -> rnd.nextLong();
      case FLOAT -> (float) (rnd.nextGaussian() * 1000);
      case DOUBLE -> rnd.nextGaussian() * 1e6;
      case DECIMAL -> BigDecimal.valueOf(rnd.nextLong() % pow10(Math.min(type.precision(), 18)), type.scale());
      case STRING -> "s" + rnd.nextInt(1000);
      case DATE -> DAY.plusDays(rnd.nextInt(3));
      case TIMESTAMP -> DAY.atStartOfDay().plusNanos(Math.floorMod(rnd.nextLong(), 3 * MICROS_PER_DAY) * 1000);
      default -> throw new IllegalArgumentException("no values drawn for " + type);
    };
  }

  private static long pow10(int digits) {
    long p = 1;
    for (int i = 0; i < digits; i++) {
      p *= 10;
    }
    return p;
  }

  /** {@code value} as written, read as a value of {@code type}: the model's own idea of widening. */
  private static Object widen(Object value, Type type) {
    if (value instanceof Integer i && type.id() == TypeId.LONG) {
      return i.longValue();
    }
    if (value instanceof Float f && type.id() == TypeId.DOUBLE) {
      return f.doubleValue();
    }
    if (value instanceof LocalDate d && type.id() == TypeId.TIMESTAMP) {
      return d.atStartOfDay();
    }
    return value;
  }

  /** The widening of {@code type} this test tries, or null when it has none. */
  private static Type wider(Type type, int digits) {
    return switch (type.id()) {
      case INT -> Type.LONG;
      case FLOAT -> Type.DOUBLE;
      case DATE -> Type.TIMESTAMP;
      case DECIMAL -> type.precision() == Type.MAX_DECIMAL_PRECISION ? null
          : Type.decimal(Math.min(Type.MAX_DECIMAL_PRECISION, type.precision() + digits), type.scale());
      default -> null;
    };
  }

  /** A type {@code type} does not widen to: a narrowing, an unrelated type or another scale. */
  private static Type notWider(Type type) {
    return switch (type.id()) {
      case INT -> Type.FLOAT;
      case LONG, STRING, FLOAT -> Type.INT;
      case BOOLEAN, DATE -> Type.STRING;
      case TIMESTAMP -> Type.DATE;
      case DOUBLE -> Type.FLOAT;
      case DECIMAL -> Type.decimal(type.precision(), type.scale() + 1);
      default -> throw new IllegalArgumentException("no type change tried for " + type);
    };
  }

  // ---- the model ----

  /** What a field of the model holds. */
  enum Kind { PRIMITIVE, STRUCT, LIST, MAP }

  /**
   * A field of the model's schema: a primitive ({@code type} set), or a struct, list or map whose child fields
   * are {@code fields} (a list's {@code element}, a map's {@code key} and {@code value}, named as in dotted
   * paths). {@code id} is 0 until the table assigns one; from then on it must never change.
   */
  record Col(int id, String name, Kind kind, Type type, boolean required, Object dflt, List<Col> fields) {
    static Col of(String name, Type type, boolean required) {
      return new Col(0, name, Kind.PRIMITIVE, type, required, null, null);
    }

    static Col struct(String name, List<Col> fields) {
      return new Col(0, name, Kind.STRUCT, null, false, null, List.copyOf(fields));
    }

    static Col list(String name, Col element) {
      return new Col(0, name, Kind.LIST, null, false, null, List.of(element));
    }

    /** A map: its key is always required. */
    static Col map(String name, Type keyType, Col value) {
      return new Col(0, name, Kind.MAP, null, false, null, List.of(of(Type.KEY, keyType, true), value));
    }

    boolean isStruct() {
      return kind == Kind.STRUCT;
    }

    boolean isNested() {
      return kind != Kind.PRIMITIVE;
    }

    Col withId(int newId) {
      return new Col(newId, name, kind, type, required, dflt, fields);
    }

    Col withName(String newName) {
      return new Col(id, newName, kind, type, required, dflt, fields);
    }

    Col withDefault(Object value) {
      return new Col(id, name, kind, type, required, value, fields);
    }

    Col withType(Type newType) {
      return new Col(id, name, kind, newType, required, widen(dflt, newType), fields);
    }

    Col asOptional() {
      return new Col(id, name, kind, type, false, dflt, fields);
    }

    Col asRequired() {
      return new Col(id, name, kind, type, true, dflt, fields);
    }

    Col withFields(List<Col> newFields) {
      return new Col(id, name, kind, type, required, dflt, List.copyOf(newFields));
    }

    static List<String> describe(List<Col> cols, String prefix) {
      List<String> out = new ArrayList<>();
      for (Col c : cols) {
        out.add(line(prefix + c.name(), c.id(), c.isNested() ? c.kind().name().toLowerCase(java.util.Locale.ROOT)
            : c.type().toString(), c.required(), c.dflt()));
        if (c.isNested()) {
          out.addAll(describe(c.fields(), prefix + c.name() + "."));
        }
      }
      return out;
    }

    static String line(String path, int id, String type, boolean required, Object dflt) {
      return path + " #" + id + " " + type + (required ? " not null" : "") + (dflt == null ? "" : " default " + dflt);
    }
  }

  /**
   * A field where it sits: its dotted path, the fields beside it (itself included), whether it is the element,
   * key or value of a list or map ({@code part}), and whether it lies anywhere inside a list or map.
   */
  record Located(String path, Col col, List<Col> siblings, boolean part, boolean inCollection) {}

  /** A committed snapshot: the schema it was committed under and the rows it holds, as written. */
  record Seen(long snapshotId, List<Col> columns, List<Map<Integer, Object>> rows) {}

  /**
   * The schema as it should be, every row as written (values by field id), and every snapshot committed. A row
   * holds a list as a list of its elements and a map as a map of its entries, keys as written; an element or
   * map value that is a struct is a map of its own by field id, as a row is.
   */
  static final class Model {
    /** A struct written with a value (its fields are in the row under their own ids). */
    private static final Object PRESENT = new Object();

    List<Col> columns;
    int partitionSourceId;
    int nextName;
    int highestId;
    /** The live rows. */
    final List<Map<Integer, Object>> rows = new ArrayList<>();
    long nextRowId;
    /** Names of top-level columns dropped, for a new column to take again. */
    final List<String> droppedNames = new ArrayList<>();
    final List<Seen> snapshots = new ArrayList<>();

    /** The row id column: never dropped, renamed or moved by a step, so rows sort by it. */
    int idColumnId;

    List<Located> located() {
      List<Located> out = new ArrayList<>();
      locate(columns, "", false, false, out);
      return out;
    }

    private static void locate(List<Col> cols, String prefix, boolean part, boolean inCollection,
        List<Located> out) {
      for (Col c : cols) {
        out.add(new Located(prefix + c.name(), c, cols, part, inCollection));
        if (c.isNested()) {
          boolean collection = !c.isStruct();
          locate(c.fields(), prefix + c.name() + ".", collection, inCollection || collection, out);
        }
      }
    }

    /** The columns with {@code change} applied to the list of fields that holds {@code id}. */
    private static List<Col> editSiblings(List<Col> cols, int id, UnaryOperator<List<Col>> change) {
      if (cols.stream().anyMatch(c -> c.id() == id)) {
        return List.copyOf(change.apply(cols));
      }
      return cols.stream().map(c -> c.isNested() ? c.withFields(editSiblings(c.fields(), id, change)) : c)
          .toList();
    }

    List<Col> replace(int id, UnaryOperator<Col> change) {
      return editSiblings(columns, id, s -> s.stream().map(c -> c.id() == id ? change.apply(c) : c).toList());
    }

    List<Col> columnsWithout(int id) {
      return editSiblings(columns, id, s -> s.stream().filter(c -> c.id() != id).toList());
    }

    List<Col> moveFirst(int id) {
      return editSiblings(columns, id, s -> Stream.concat(s.stream().filter(c -> c.id() == id),
          s.stream().filter(c -> c.id() != id)).toList());
    }

    List<Col> add(Located parent, Col added) {
      if (parent == null) {
        return Stream.concat(columns.stream(), Stream.of(added)).toList();
      }
      return replace(parent.col().id(), p -> p.withFields(Stream.concat(p.fields().stream(), Stream.of(added))
          .toList()));
    }

    /**
     * Takes the ids the table gave the model's new fields (id 0), which must be above every id the table
     * assigned before and distinct, and checks every other field kept its id.
     */
    List<Col> assignIds(List<Col> cols, List<Field> fields) {
      Set<Integer> fresh = new HashSet<>();
      List<Col> out = assign(cols, fields, fresh);
      highestId = Math.max(highestId, fresh.stream().mapToInt(Integer::intValue).max().orElse(0));
      return out;
    }

    private List<Col> assign(List<Col> cols, List<Field> fields, Set<Integer> fresh) {
      List<Col> out = new ArrayList<>();
      for (Col c : cols) {
        Field f = fields.stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
        assertThat(f).as("field %s among %s", c.name(), fields).isNotNull();
        Col withId = c;
        if (c.id() == 0) {
          assertThat(f.id()).as("new field %s gets an id never used before", c.name()).isGreaterThan(highestId);
          assertThat(fresh.add(f.id())).as("new field %s gets an id of its own", c.name()).isTrue();
          withId = c.withId(f.id());
        } else {
          assertThat(f.id()).as("id of field %s", c.name()).isEqualTo(c.id());
        }
        out.add(withId.isNested() ? withId.withFields(assign(c.fields(), f.type().fields(), fresh)) : withId);
      }
      return out;
    }

    /** Writes values for {@code cols} into {@code byId} and returns them by name, as the append takes them. */
    Map<String, Object> write(List<Col> cols, Random rnd, Map<Integer, Object> byId, long rowId) {
      Map<String, Object> byName = new LinkedHashMap<>();
      for (Col c : cols) {
        boolean isNull = !c.required() && rnd.nextInt(4) == 0;
        Object v;
        if (c.id() == idColumnId) {
          v = rowId;
          byId.put(c.id(), v);
        } else if (c.isStruct()) {
          byId.put(c.id(), isNull ? null : PRESENT);
          v = isNull ? null : write(c.fields(), rnd, byId, rowId);
        } else if (c.kind() == Kind.LIST) {
          List<Object> stored = isNull ? null : new ArrayList<>();
          List<Object> items = isNull ? null : new ArrayList<>();
          for (int i = isNull ? 0 : rnd.nextInt(4); i > 0; i--) {
            Object[] item = item(c.fields().get(0), rnd, rowId);
            stored.add(item[0]);
            items.add(item[1]);
          }
          byId.put(c.id(), stored);
          v = items;
        } else if (c.kind() == Kind.MAP) {
          Map<Object, Object> stored = isNull ? null : new LinkedHashMap<>();
          Map<Object, Object> entries = isNull ? null : new LinkedHashMap<>();
          for (int i = isNull ? 0 : rnd.nextInt(4); i > 0; i--) {
            Object key = value(c.fields().get(0).type(), rnd);
            Object[] item = item(c.fields().get(1), rnd, rowId);
            if (!stored.containsKey(key)) {
              stored.put(key, item[0]);
              entries.put(key, item[1]);
            }
          }
          byId.put(c.id(), stored);
          v = entries;
        } else {
          v = isNull ? null : value(c.type(), rnd);
          byId.put(c.id(), v);
        }
        byName.put(c.name(), v);
      }
      return byName;
    }

    /** A list element or map value of {@code part}: as the model keeps it, and as the append takes it. */
    private Object[] item(Col part, Random rnd, long rowId) {
      if (!part.required() && rnd.nextInt(4) == 0) {
        return new Object[] {null, null};
      }
      if (part.isStruct()) {
        Map<Integer, Object> byId = new HashMap<>();
        return new Object[] {byId, write(part.fields(), rnd, byId, rowId)};
      }
      Object v = value(part.type(), rnd);
      return new Object[] {v, v};
    }

    /**
     * A row as it must read under {@code cols}: a field the row was written without reads as its default (or
     * null), a struct written as null as null, any other value as written, widened to the field's type; the
     * same inside list elements and map values (and map keys widened too).
     */
    static Map<String, Object> expected(List<Col> cols, Map<Integer, Object> row) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Col c : cols) {
        Object v;
        Object stored = row.get(c.id());
        if (!row.containsKey(c.id())) {
          v = c.isNested() ? null : c.dflt();
        } else if (stored == null) {
          v = null;
        } else if (c.isStruct()) {
          v = expected(c.fields(), row);
        } else if (c.kind() == Kind.LIST) {
          v = ((List<?>) stored).stream().map(e -> expectedItem(c.fields().get(0), e)).toList();
        } else if (c.kind() == Kind.MAP) {
          Map<Object, Object> entries = new LinkedHashMap<>();
          ((Map<?, ?>) stored).forEach((k, e) -> entries.put(widen(k, c.fields().get(0).type()),
              expectedItem(c.fields().get(1), e)));
          v = entries;
        } else {
          v = widen(stored, c.type());
        }
        out.put(c.name(), v);
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private static Object expectedItem(Col part, Object stored) {
      if (stored == null) {
        return null;
      }
      return part.isStruct() ? expected(part.fields(), (Map<Integer, Object>) stored) : widen(stored, part.type());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("snaplog-evolution-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
