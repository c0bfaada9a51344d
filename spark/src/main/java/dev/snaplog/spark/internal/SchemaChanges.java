package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.UpdateSchema;
import java.util.Arrays;
import org.apache.spark.sql.connector.catalog.TableChange;

/**
 * The column changes of one {@code ALTER TABLE} statement as one Snaplog schema change: added, renamed, widened,
 * made nullable, moved or dropped columns, matched by field id so no data file is rewritten. Nested fields are
 * named by their dotted path. What Snaplog cannot do from Spark (adding a {@code NOT NULL} column, making a
 * column required, comments, properties) is refused before anything is committed.
 */
public final class SchemaChanges {
  private SchemaChanges() {}

  /**
   * Commits {@code changes} to {@code table} as one new version.
   *
   * @throws UnsupportedOperationException for a change Snaplog does not make from Spark
   * @throws dev.snaplog.core.exceptions.ValidationException for a change the schema refuses (a non-widening type
   *     change, an unknown column, a rename onto an existing name, a column a partition spec or sort order uses)
   */
  public static Schema commit(Table table, TableChange... changes) {
    UpdateSchema update = table.updateSchema();
    for (TableChange change : changes) {
      apply(table, update, change);
    }
    return update.commit();
  }

  private static void apply(Table table, UpdateSchema u, TableChange change) {
    if (change instanceof TableChange.AddColumn add) {
      String name = path(add.fieldNames());
      if (!add.isNullable()) {
        throw SparkErrors.unsupported("Adding the NOT NULL column '" + name + "' from Spark", "add it as nullable,"
            + " or with a default value for the existing rows through `snaplog alter` or table.updateSchema()");
      }
      u.addColumn(name, SparkSchemas.fromSpark(name, add.dataType()));
      move(u, add.fieldNames(), add.position());
    } else if (change instanceof TableChange.RenameColumn rename) {
      u.renameColumn(path(rename.fieldNames()), rename.newName());
    } else if (change instanceof TableChange.UpdateColumnType type) {
      String name = path(type.fieldNames());
      u.updateColumn(name, SparkSchemas.fromSpark(name, type.newDataType()));
    } else if (change instanceof TableChange.UpdateColumnNullability nullability) {
      String name = path(nullability.fieldNames());
      if (!nullability.nullable()) {
        throw SparkErrors.unsupported("Making column '" + name + "' NOT NULL", "rows already written may hold"
            + " nulls; a column can only become nullable");
      }
      u.makeColumnOptional(name);
    } else if (change instanceof TableChange.UpdateColumnPosition position) {
      move(u, position.fieldNames(), position.position());
    } else if (change instanceof TableChange.DeleteColumn delete) {
      String name = path(delete.fieldNames());
      if (!Boolean.TRUE.equals(delete.ifExists()) || table.schema().findField(name).isPresent()) {
        u.deleteColumn(name);
      }
    } else {
      throw SparkErrors.unsupported("ALTER TABLE (" + change.getClass().getSimpleName() + ")", "Snaplog changes"
          + " columns from Spark (ADD, RENAME, ALTER ... TYPE, DROP NOT NULL, FIRST/AFTER, DROP); partitioning and"
          + " sort order change through CALL snaplog.system.set_partition_spec / set_sort_order");
    }
  }

  /** Moves the field at {@code names} as {@code position} says (null: where it is, at the end for an add). */
  private static void move(UpdateSchema u, String[] names, TableChange.ColumnPosition position) {
    if (position instanceof TableChange.First) {
      u.moveFirst(path(names));
    } else if (position instanceof TableChange.After after) {
      String[] sibling = Arrays.copyOf(names, names.length);
      sibling[names.length - 1] = after.column();
      u.moveAfter(path(names), path(sibling));
    }
  }

  private static String path(String[] names) {
    return String.join(".", names);
  }
}
