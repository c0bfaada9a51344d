package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Drives a table through random sequences of appends, deletes, overwrites, upserts, compactions and rollbacks,
 * under both delete
 * modes, and compares every scan (the current state and time travel to every earlier snapshot) with an
 * in-memory model of the rows. jqwik shrinks a failing sequence to a minimal one and prints it. Run more with
 * {@code -Djqwik.tries.default=N}.
 */
class RowModelPropertyTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, grp int not null, msg string");
  private static final TableId T = TableId.of("db", "model");

  /** One operation of a sequence; {@code toString} is what a shrunk failure prints. */
  sealed interface Op permits Append, Delete, Overwrite, Upsert, Compact, Rollback {}

  /** Appends {@code count} rows with ids from {@code first}, spread over groups. */
  record Append(int first, int count) implements Op {}

  /** Deletes rows with {@code lo <= id < hi}, or of one group when {@code group >= 0}. */
  record Delete(int lo, int hi, int group) implements Op {}

  /** Replaces the rows of one group with {@code count} new rows from id {@code first}. */
  record Overwrite(int group, int first, int count) implements Op {}

  /** Upserts by id the rows with ids from {@code first}: older rows of those ids go, the new ones come. */
  record Upsert(int first, int count) implements Op {}

  /** Compacts every small file and folds in the deletion vectors; the rows stay as they are. */
  record Compact() implements Op {}

  /** Rolls back to the snapshot committed {@code back} changes ago (when there is one). */
  record Rollback(int back) implements Op {}

  @Provide
  Arbitrary<Op> op() {
    Arbitrary<Integer> id = Arbitraries.integers().between(0, 60);
    Arbitrary<Integer> count = Arbitraries.integers().between(1, 12);
    Arbitrary<Integer> group = Arbitraries.integers().between(0, 3);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Combinators.combine(id, count).as(Append::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(id, id, Arbitraries.integers().between(-1, 3))
            .as((a, b, g) -> new Delete(Math.min(a, b), Math.max(a, b) + 1, g))),
        net.jqwik.api.Tuple.of(2, Combinators.combine(group, id, count).as(Overwrite::new)),
        net.jqwik.api.Tuple.of(3, Combinators.combine(id, count).as(Upsert::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Compact())),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 4).map(Rollback::new)));
  }

  @Property
  void mergeOnReadScansMatchTheModel(@ForAll @Size(min = 1, max = 14) List<@net.jqwik.api.From("op") Op> ops) {
    check(ops, "merge-on-read");
  }

  @Property
  void copyOnWriteScansMatchTheModel(@ForAll @Size(min = 1, max = 10) List<@net.jqwik.api.From("op") Op> ops) {
    check(ops, "copy-on-write");
  }

  private static int groupOf(long id) {
    return (int) (id % 4);
  }

  private static Record row(long id, String tag) {
    return GenericRecord.of(SCHEMA, id, groupOf(id), tag + "-" + id);
  }

  private void check(List<Op> ops, String mode) {
    Path dir = tempDir();
    try (Catalog catalog = Catalogs.open(dir.resolve("warehouse").toString())) {
      catalog.createNamespace("db");
      Table t = catalog.createTable(T, SCHEMA, Map.of("write.delete.mode", mode, "checkpoint.interval", "3"));
      List<String> model = new ArrayList<>();
      Map<Long, List<String>> bySnapshot = new HashMap<>();
      List<Long> snapshots = new ArrayList<>();
      int step = 0;
      for (Op op : ops) {
        step++;
        Snapshot committed = apply(t, op, model, snapshots, bySnapshot, step);
        if (committed != null) {
          snapshots.add(committed.snapshotId());
          bySnapshot.put(committed.snapshotId(), List.copyOf(model));
        }
        assertThat(scan(t, null)).as("after %s (step %d of %s)", op, step, ops).isEqualTo(sorted(model));
      }
      for (long id : snapshots) {
        assertThat(scan(t, id)).as("time travel to %d after %s", id, ops).isEqualTo(sorted(bySnapshot.get(id)));
      }
      checkChangelog(t, snapshots, bySnapshot, ops);
      assertThat(t.verify(true).problems()).as("verify after %s", ops).isEmpty();
    } finally {
      delete(dir);
    }
  }

  /** Applies {@code op} to the table and the model alike; returns the new snapshot, if one was made. */
  private static Snapshot apply(Table t, Op op, List<String> model, List<Long> snapshots,
      Map<Long, List<String>> bySnapshot, int step) {
    if ((op instanceof Delete || op instanceof Overwrite) && t.currentSnapshot().isEmpty()) {
      long before = t.version();
      assertThatThrownBy(() -> t.newDelete().deleteWhere(Expressions.equal("grp", 0)).commit())
          .as("a change of a table with no rows yet").isInstanceOf(ValidationException.class);
      assertThat(t.version()).isEqualTo(before);
      return null;
    }
    if (op instanceof Compact && t.currentSnapshot().isEmpty()) {
      assertThatThrownBy(() -> t.newRewrite().commit()).as("compacting a table with no rows yet")
          .isInstanceOf(ValidationException.class);
      return null;
    }
    if (op instanceof Upsert u) {
      List<Record> rows = new ArrayList<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (long id = u.first(); id < u.first() + u.count(); id++) {
        rows.add(row(id, "u" + step));
        ids.add(String.valueOf(id));
      }
      Snapshot s = t.newUpsert().key("id").addRecords(rows).commit();
      model.removeIf(r -> ids.contains(r.split(",")[0]));
      for (Record r : rows) {
        model.add(r.get("id") + "," + r.get("grp") + "," + r.get("msg"));
      }
      return s;
    }
    if (op instanceof Compact) {
      long before = t.version();
      Snapshot s = t.newRewrite().targetFileSizeBytes(1 << 20).commit();
      return t.version() != before ? s : null;
    }
    if (op instanceof Append a) {
      List<Record> rows = new ArrayList<>();
      for (long id = a.first(); id < a.first() + a.count(); id++) {
        rows.add(row(id, "s" + step));
        model.add(id + "," + groupOf(id) + ",s" + step + "-" + id);
      }
      return t.newAppend().appendRecords(rows).commit();
    }
    if (op instanceof Delete d) {
      Expression filter = d.group() >= 0 ? Expressions.equal("grp", d.group())
          : Expressions.and(Expressions.greaterThanOrEqual("id", (long) d.lo()),
              Expressions.lessThan("id", (long) d.hi()));
      Predicate<String> matches = r -> {
        String[] f = r.split(",");
        return d.group() >= 0 ? Integer.parseInt(f[1]) == d.group()
            : Long.parseLong(f[0]) >= d.lo() && Long.parseLong(f[0]) < d.hi();
      };
      boolean any = model.stream().anyMatch(matches);
      long before = t.version();
      Snapshot s = t.newDelete().deleteWhere(filter).commit();
      model.removeIf(matches);
      assertThat(t.version() != before).as("a delete commits iff it matches a row").isEqualTo(any);
      return any ? s : null;
    }
    if (op instanceof Overwrite o) {
      List<Record> rows = new ArrayList<>();
      for (long id = o.first(); id < o.first() + o.count(); id++) {
        if (groupOf(id) == o.group()) {
          rows.add(row(id, "o" + step));
        }
      }
      if (rows.isEmpty()) {
        rows.add(row(o.group() + 1000L, "o" + step)); // id 1000+g belongs to group g
      }
      Snapshot s = t.newOverwrite().overwriteByFilter(Expressions.equal("grp", o.group())).addRecords(rows)
          .commit();
      model.removeIf(r -> Integer.parseInt(r.split(",")[1]) == o.group());
      for (Record r : rows) {
        model.add(r.get("id") + "," + r.get("grp") + "," + r.get("msg"));
      }
      return s;
    }
    Rollback r = (Rollback) op;
    if (snapshots.size() <= r.back()) {
      return null;
    }
    long target = snapshots.get(snapshots.size() - 1 - r.back());
    t.newRollback().toSnapshot(target).commit();
    model.clear();
    model.addAll(bySnapshot.get(target));
    return null;
  }

  /**
   * The change feed along the current snapshot's history: applying the changes between two of its snapshots to
   * the rows of the first gives the rows of the second, each change names a snapshot in between, deletes come
   * before inserts within a snapshot, and a compaction reports nothing. A snapshot a rollback abandoned is no
   * start for the current one.
   */
  private static void checkChangelog(Table t, List<Long> committed, Map<Long, List<String>> bySnapshot,
      List<Op> ops) {
    List<Snapshot> chain = new ArrayList<>(t.snapshots());
    java.util.Collections.reverse(chain);
    List<Long> ids = chain.stream().map(Snapshot::snapshotId).toList();
    for (int i = -1; i < chain.size() - 1; i++) {
      Long from = i < 0 ? null : ids.get(i);
      List<String> start = from == null ? List.of() : bySnapshot.get(from);
      // from each snapshot to the end, and each single step
      for (int j : new int[] {i + 1, chain.size() - 1}) {
        var scan = t.newChangelogScan().toSnapshot(ids.get(j));
        if (from != null) {
          scan = scan.fromSnapshot(from);
        }
        List<dev.snaplog.core.RowChange> changes = scan.changes().toList();
        List<String> rows = new ArrayList<>(start);
        List<Long> between = ids.subList(i + 1, j + 1);
        int lastSnapshot = -1;
        dev.snaplog.core.ChangeKind lastKind = dev.snaplog.core.ChangeKind.DELETE;
        for (var c : changes) {
          int at = between.indexOf(c.snapshotId());
          assertThat(at).as("%s names a snapshot after %s up to %s, in order; after %s", c, from, ids.get(j), ops)
              .isGreaterThanOrEqualTo(lastSnapshot);
          if (at == lastSnapshot && lastKind == dev.snaplog.core.ChangeKind.INSERT) {
            assertThat(c.kind()).as("deletes before inserts in %s after %s", c, ops)
                .isEqualTo(dev.snaplog.core.ChangeKind.INSERT);
          }
          lastSnapshot = at;
          lastKind = c.kind();
          String row = c.row().get("id") + "," + c.row().get("grp") + "," + c.row().get("msg");
          if (c.kind() == dev.snaplog.core.ChangeKind.INSERT) {
            rows.add(row);
          } else {
            assertThat(rows.remove(row)).as("deleted row %s was live, from %s to %s after %s", row, from,
                ids.get(j), ops).isTrue();
          }
        }
        assertThat(sorted(rows)).as("changes from %s to %s applied after %s", from, ids.get(j), ops)
            .isEqualTo(sorted(bySnapshot.get(ids.get(j))));
        if (j == i + 1 && chain.get(j).operation().equals("rewrite")) {
          assertThat(changes).as("compaction %s after %s", ids.get(j), ops).isEmpty();
        }
      }
    }
    committed.stream().filter(id -> !ids.contains(id)).findFirst().ifPresent(abandoned ->
        assertThatThrownBy(() -> t.newChangelogScan().fromSnapshot(abandoned).changes())
            .as("changes from abandoned snapshot %d after %s", abandoned, ops)
            .isInstanceOf(ValidationException.class).hasMessageContaining("not an ancestor"));
  }

  private static List<String> scan(Table t, Long snapshotId) {
    var scan = snapshotId == null ? t.newScan() : t.newScan().useSnapshot(snapshotId);
    List<String> out = new ArrayList<>();
    for (Record r : scan.records().toList()) {
      out.add(r.get("id") + "," + r.get("grp") + "," + r.get("msg"));
    }
    return sorted(out);
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("snaplog-model-");
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
