package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Snapshot;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.types.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@code Table.updateSchema()}: one commit per change, conflicts, old files read by id, time travel. */
class SchemaEvolutionTest extends LocalWarehouseTest {
  private static final TableId T = TableId.of("db", "events");


  private Table table() {
    Schema schema = Schema.parse("id long not null, ts timestamptz, n int, msg string");
    return catalog.createTable(T, schema, PartitionSpec.parse("day(ts)", schema), Map.of());
  }

  private static Record row(Table t, Object... values) {
    return GenericRecord.of(t.schema(), values);
  }

  @Test
  void addRenameWidenAndDropCommitOneVersionEachAndOldFilesReadByFieldId() {
    Table t = table();
    Instant ts = Instant.parse("2026-01-02T10:00:00Z");
    Snapshot first = t.newAppend().appendRecords(List.of(row(t, 1L, ts, 7, "a"))).commit();

    long before = t.version();
    Schema next = t.updateSchema().addColumn("score", Type.DOUBLE).renameColumn("msg", "message")
        .updateColumn("n", Type.LONG).commit();
    assertThat(t.refresh().version()).isEqualTo(before + 1);
    assertThat(t.schema()).isEqualTo(next);
    assertThat(t.schema().schemaId()).isEqualTo(1);
    assertThat(t.schemas()).hasSize(2);
    assertThat(t.currentSnapshot().orElseThrow().snapshotId()).isEqualTo(first.snapshotId());

    // the file written before is read under the new schema: renamed column by id, widened value, new column null
    Record old = t.newScan().records().toList().get(0);
    assertThat(old.get("message")).isEqualTo("a");
    assertThat(old.get("n")).isEqualTo(7L);
    assertThat(old.get("score")).isNull();

    Snapshot second = t.newAppend().appendRecords(List.of(row(t, 2L, ts, 8L, "b", 0.5))).commit();
    assertThat(second.schemaId()).isEqualTo(1);
    assertThat(t.newScan().filter(Expressions.greaterThan("score", 0.1)).records().toList())
        .extracting(r -> r.get("id")).containsExactly(2L);

    // time travel reads each snapshot with the schema it was written with
    List<Record> then = t.newScan().useSnapshot(first.snapshotId()).records().toList();
    assertThat(then.get(0).schema().columnNames()).containsExactly("id", "ts", "n", "msg");
    assertThat(then.get(0).get("n")).isEqualTo(7);

    t.updateSchema().deleteColumn("message").commit();
    assertThat(t.refresh().schema().columnNames()).containsExactly("id", "ts", "n", "score");
    assertThat(t.newScan().records().toList()).hasSize(2);
    assertThat(t.newScan().useSnapshot(second.snapshotId()).records().toList())
        .extracting(r -> r.get("message")).containsExactlyInAnyOrder("a", "b");

    // a dropped name added again is a new column: old data stays unread
    t.updateSchema().addColumn("message", Type.STRING).commit();
    assertThat(t.refresh().newScan().records().toList()).extracting(r -> r.get("message")).containsOnlyNulls();
    assertThat(t.schema().findField("message").orElseThrow().id()).isGreaterThan(5);
  }

  @Test
  void boundsOfFilesWrittenBeforeAWideningPruneAndMergeAsTheWiderType() {
    Schema schema = Schema.parse("id long not null, n int, f float, d date, amount decimal(5,2)");
    Table t = catalog.createTable(T, schema, PartitionSpec.UNPARTITIONED, Map.of("checkpoint.interval", "2"));
    t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), 1L, 7, 1.5f, "2026-01-02", "1.25"))).commit();
    t.updateSchema().updateColumn("n", Type.LONG).updateColumn("f", Type.DOUBLE).updateColumn("d", Type.TIMESTAMP)
        .updateColumn("amount", Type.decimal(9, 2)).commit();
    // the checkpoints these appends write merge the old file's bounds with bounds of the wider types
    for (long id = 2; id <= 4; id++) {
      t.newAppend().appendRecords(List.of(GenericRecord.of(t.refresh().schema(), id, 100L * id, 10.0 * id,
          "2026-02-0" + id + "T12:00:00", "1000.50"))).commit();
    }
    for (Table table : List.of(t, catalog.loadTable(T))) {
      assertThat(table.newScan().filter(Expressions.equal("n", 7L)).records().toList())
          .extracting(r -> r.get("id")).containsExactly(1L);
      assertThat(table.newScan().filter(Expressions.lessThan("f", 2.0)).records().toList())
          .extracting(r -> r.get("id")).containsExactly(1L);
      assertThat(table.newScan().filter(Expressions.lessThan("d", java.time.LocalDateTime.parse(
          "2026-01-03T00:00:00"))).records().toList()).extracting(r -> r.get("id")).containsExactly(1L);
      assertThat(table.newScan().filter(Expressions.lessThan("amount", new java.math.BigDecimal("2.00")))
          .records().toList()).extracting(r -> r.get("id")).containsExactly(1L);
      assertThat(table.newScan().filter(Expressions.greaterThan("n", 1000L)).planFiles()).isEmpty();
    }
  }

  @Test
  void aFieldAddedWithADefaultToAStructIsNullWhereTheStructIsNullAndFiltersSeeThat() {
    Schema schema = Schema.parse("id long not null, loc struct<x int>");
    Table t = catalog.createTable(T, schema, PartitionSpec.UNPARTITIONED, Map.of());
    t.newAppend().appendRecords(List.of(GenericRecord.of(t.schema(), 1L, null),
        GenericRecord.of(t.schema(), 2L, Map.of("x", 3)))).commit();
    t.updateSchema().addRequiredColumn("loc.zone", Type.INT, 5).commit();
    Table reloaded = catalog.loadTable(T);
    assertThat(reloaded.newScan().records().toList()).extracting(r -> r.get("loc.zone")).containsExactly(null, 5);
    // the old file has no column for the field: its row group may not claim every row reads the default
    assertThat(reloaded.newScan().filter(Expressions.isNull("loc.zone")).records().toList())
        .extracting(r -> r.get("id")).containsExactly(1L);
    assertThat(reloaded.newScan().filter(Expressions.equal("loc.zone", 5)).records().toList())
        .extracting(r -> r.get("id")).containsExactly(2L);
  }

  @Test
  void aRequiredColumnWithADefaultReadsTheDefaultForOldRows() {
    Table t = table();
    t.newAppend().appendRecords(List.of(row(t, 1L, Instant.parse("2026-01-02T10:00:00Z"), 1, "a"))).commit();
    t.updateSchema().addRequiredColumn("region", Type.STRING, "eu").commit();
    assertThat(t.refresh().newScan().records().toList().get(0).get("region")).isEqualTo("eu");
  }

  @Test
  void refusedChangesLeaveTheTableAtItsVersion() {
    Table t = table();
    t.newAppend().appendRecords(List.of(row(t, 1L, Instant.parse("2026-01-02T10:00:00Z"), 1, "a"))).commit();
    long version = t.refresh().version();
    List<Consumer<UpdateSchema>> bad = List.of(
        u -> u.deleteColumn("ts"),                          // the partition spec reads it
        u -> u.updateColumn("msg", Type.INT),               // not a widening
        u -> u.updateColumn("n", Type.FLOAT),               // int to float is not one either
        u -> u.addRequiredColumn("x", Type.INT, null),      // required without a default
        u -> u.renameColumn("msg", "id"),                   // onto an existing name
        u -> u.deleteColumn("nope"));                       // unknown
    for (Consumer<UpdateSchema> change : bad) {
      assertThatThrownBy(() -> {
        UpdateSchema u = t.updateSchema();
        change.accept(u);
        u.commit();
      }).isInstanceOf(ValidationException.class).hasMessageStartingWith("Table db.events (version " + version + "): ")
          .satisfies(e -> {
            assertThat(((ValidationException) e).table()).contains("db.events");
            assertThat(((ValidationException) e).version()).hasValue(version);
          });
      assertThat(catalog.loadTable(T).version()).isEqualTo(version);
    }
    assertThat(catalog.loadTable(T).schemas()).hasSize(1);
  }

  @Test
  void aConcurrentSchemaChangeIsAConflictAndNotRetried() {
    Table t = table();
    UpdateSchema mine = t.updateSchema().addColumn("a", Type.INT);
    catalog.loadTable(T).updateSchema().addColumn("b", Type.INT).commit();
    long version = catalog.loadTable(T).version();
    assertThatThrownBy(mine::commit).isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("changed the schema, partition spec or sort order");
    Table reloaded = catalog.loadTable(T);
    assertThat(reloaded.version()).isEqualTo(version);
    assertThat(reloaded.schema().findField("a")).isEmpty();
    assertThat(reloaded.schema().findField("b")).isPresent();
  }

  @Test
  void anAppendWrittenWithTheOldSchemaStillCommitsAfterASchemaChange() {
    Table t = table();
    var append = t.newAppend().appendRecords(List.of(row(t, 1L, Instant.parse("2026-01-02T10:00:00Z"), 1, "a")));
    catalog.loadTable(T).updateSchema().addColumn("extra", Type.STRING).renameColumn("msg", "text").commit();
    Snapshot s = append.commit();
    Table reloaded = catalog.loadTable(T);
    assertThat(s.schemaId()).isEqualTo(reloaded.schema().schemaId());
    Record r = reloaded.newScan().records().toList().get(0);
    assertThat(r.get("text")).isEqualTo("a");
    assertThat(r.get("extra")).isNull();
  }

  @Test
  void aChangeThatChangesNothingCommitsNothing() {
    Table t = table();
    long version = t.version();
    assertThat(t.updateSchema().commit()).isEqualTo(t.schema());
    assertThat(catalog.loadTable(T).version()).isEqualTo(version);
  }
}
