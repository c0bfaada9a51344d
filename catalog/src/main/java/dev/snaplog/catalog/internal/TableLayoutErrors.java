package dev.snaplog.catalog.internal;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.ReplaceSortOrder;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.UpdatePartitionSpec;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.types.Type;
import java.util.function.Supplier;

/**
 * Hands out the pure schema, spec and sort order updates with their refusals naming the table and the version
 * the change started from: the updates themselves know neither.
 */
final class TableLayoutErrors {
  private TableLayoutErrors() {}

  private static <T> T guard(String table, long version, Supplier<T> step) {
    try {
      return step.get();
    } catch (ValidationException e) {
      if (e.table().isPresent()) {
        throw e;
      }
      throw new ValidationException("Table " + table + " (version " + version + "): " + e.getMessage(), table,
          version);
    }
  }

  static UpdateSchema of(UpdateSchema u, String table, long version) {
    return new UpdateSchema() {
      private UpdateSchema step(Supplier<UpdateSchema> s) {
        guard(table, version, s);
        return this;
      }

      @Override
      public UpdateSchema addColumn(String name, Type type) {
        return step(() -> u.addColumn(name, type));
      }

      @Override
      public UpdateSchema addRequiredColumn(String name, Type type, Object defaultValue) {
        return step(() -> u.addRequiredColumn(name, type, defaultValue));
      }

      @Override
      public UpdateSchema renameColumn(String name, String newName) {
        return step(() -> u.renameColumn(name, newName));
      }

      @Override
      public UpdateSchema deleteColumn(String name) {
        return step(() -> u.deleteColumn(name));
      }

      @Override
      public UpdateSchema updateColumn(String name, Type newType) {
        return step(() -> u.updateColumn(name, newType));
      }

      @Override
      public UpdateSchema makeColumnOptional(String name) {
        return step(() -> u.makeColumnOptional(name));
      }

      @Override
      public UpdateSchema moveFirst(String name) {
        return step(() -> u.moveFirst(name));
      }

      @Override
      public UpdateSchema moveAfter(String name, String afterName) {
        return step(() -> u.moveAfter(name, afterName));
      }

      @Override
      public UpdateSchema moveBefore(String name, String beforeName) {
        return step(() -> u.moveBefore(name, beforeName));
      }

      @Override
      public Schema apply() {
        return guard(table, version, u::apply);
      }

      @Override
      public Schema commit() {
        return guard(table, version, u::commit);
      }
    };
  }

  static UpdatePartitionSpec of(UpdatePartitionSpec u, String table, long version) {
    return new UpdatePartitionSpec() {
      @Override
      public UpdatePartitionSpec addField(String field) {
        guard(table, version, () -> u.addField(field));
        return this;
      }

      @Override
      public UpdatePartitionSpec removeField(String name) {
        guard(table, version, () -> u.removeField(name));
        return this;
      }

      @Override
      public UpdatePartitionSpec partitionBy(String spec) {
        guard(table, version, () -> u.partitionBy(spec));
        return this;
      }

      @Override
      public PartitionSpec apply() {
        return guard(table, version, u::apply);
      }

      @Override
      public PartitionSpec commit() {
        return guard(table, version, u::commit);
      }
    };
  }

  static ReplaceSortOrder of(ReplaceSortOrder u, String table, long version) {
    return new ReplaceSortOrder() {
      private ReplaceSortOrder step(Supplier<ReplaceSortOrder> s) {
        guard(table, version, s);
        return this;
      }

      @Override
      public ReplaceSortOrder asc(String column) {
        return step(() -> u.asc(column));
      }

      @Override
      public ReplaceSortOrder asc(String column, SortOrder.NullOrder nullOrder) {
        return step(() -> u.asc(column, nullOrder));
      }

      @Override
      public ReplaceSortOrder desc(String column) {
        return step(() -> u.desc(column));
      }

      @Override
      public ReplaceSortOrder desc(String column, SortOrder.NullOrder nullOrder) {
        return step(() -> u.desc(column, nullOrder));
      }

      @Override
      public ReplaceSortOrder sortBy(String order) {
        return step(() -> u.sortBy(order));
      }

      @Override
      public SortOrder apply() {
        return guard(table, version, u::apply);
      }

      @Override
      public SortOrder commit() {
        return guard(table, version, u::commit);
      }
    };
  }
}
