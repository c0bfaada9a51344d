package dev.snaplog.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.IsolationLevel;
import dev.snaplog.core.Record;
import dev.snaplog.core.RowDelta;
import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two options that tighten a row delta's validation for an engine's {@code UPDATE} or {@code MERGE}:
 * {@link RowDelta#validateNoConcurrentDeletes()} and {@link RowDelta#conflictDetectionFilter}.
 */
class RowDeltaValidationTest extends LocalWarehouseTest {
  private static final Schema SCHEMA = Schema.parse("id long not null, msg string");
  private static final TableId T = TableId.of("db", "t");

  private Table table;
  private String file;

  @BeforeEach
  void setUp() {
    table = catalog.createTable(T, SCHEMA);
    table.newAppend().appendRecords(rows(0, 10, "a")).commit();
    file = table.refresh().newScan().planFiles().toList().get(0).file().location();
  }

  private static List<Record> rows(long from, long to, String tag) {
    List<Record> out = new ArrayList<>();
    for (long id = from; id < to; id++) {
      out.add(GenericRecord.of(SCHEMA, id, tag + id));
    }
    return out;
  }

  private Map<Long, String> contents() {
    Map<Long, String> out = new TreeMap<>();
    table.refresh().newScan().records().forEach(r -> out.put((Long) r.get("id"), (String) r.get("msg")));
    return out;
  }

  /** An update of row 1 (position 1 of the one file), read at the current version. */
  private RowDelta updateOfRow1() {
    return table.refresh().newRowDelta().deleteRows(file, 1).addRecords(rows(1, 2, "u"));
  }

  @Test
  void aConcurrentDeleteInAFileTheUpdateChangesConflictsOnlyWithTheOption() {
    RowDelta strict = updateOfRow1().validateNoConcurrentDeletes();
    catalog.loadTable(T).newDelete().deleteWhere(Expressions.equal("id", 1L)).commit();
    assertThatThrownBy(strict::commit).isInstanceOf(CommitConflictException.class).hasMessageContaining(file)
        .hasMessageContaining("deleted rows");
    assertThat(contents()).doesNotContainKey(1L).hasSize(9);

    // without it the vectors merge, and the deleted row comes back as its changed copy
    RowDelta lenient = table.refresh().newRowDelta().deleteRows(file, 2).addRecords(rows(2, 3, "u"));
    catalog.loadTable(T).newDelete().deleteWhere(Expressions.equal("id", 2L)).commit();
    lenient.commit();
    assertThat(contents()).containsEntry(2L, "u2");
  }

  @Test
  void anAppendTheConflictFilterMayMatchConflictsOnlyUnderSerializableIsolation() {
    RowDelta matching = updateOfRow1().conflictDetectionFilter(Expressions.lessThan("id", 5L));
    RowDelta elsewhere = catalog.loadTable(T).newRowDelta().deleteRows(file, 7)
        .conflictDetectionFilter(Expressions.greaterThan("id", 100L));
    catalog.loadTable(T).newAppend().appendRecords(rows(-3, -2, "c")).commit(); // id -3, meanwhile
    assertThatThrownBy(matching::commit).isInstanceOf(CommitConflictException.class)
        .hasMessageContaining("serializable");
    elsewhere.commit(); // the added file's stats rule the filter out

    RowDelta snapshot = updateOfRow1().conflictDetectionFilter(Expressions.lessThan("id", 5L))
        .isolationLevel(IsolationLevel.SNAPSHOT);
    catalog.loadTable(T).newAppend().appendRecords(rows(-4, -3, "c")).commit();
    snapshot.commit();
    assertThat(contents()).containsEntry(1L, "u1").containsEntry(-3L, "c-3").containsEntry(-4L, "c-4")
        .doesNotContainKey(7L);
  }

  @Test
  void aConflictFilterOnAnUnknownColumnIsRefused() {
    assertThatThrownBy(() -> table.newRowDelta().conflictDetectionFilter(Expressions.equal("nope", 1L)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("nope");
  }
}
