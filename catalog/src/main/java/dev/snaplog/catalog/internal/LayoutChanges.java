package dev.snaplog.catalog.internal;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.ReplaceSortOrder;
import dev.snaplog.core.Schema;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.UpdatePartitionSpec;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.partition.PartitionSpecUpdate;
import dev.snaplog.core.schema.SchemaUpdate;
import dev.snaplog.core.sort.SortOrderUpdate;
import dev.snaplog.manifest.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Schema, partition spec and sort order changes: each is built by a pure update from the version it read
 * ({@link SchemaUpdate}, {@link PartitionSpecUpdate}, {@link SortOrderUpdate}) and committed as one version that
 * adds no snapshot, through the shared {@link Committer}. Commits of data that land meanwhile do not matter
 * (their files are read by field id, under the spec they name); another schema, spec or sort order change does,
 * since this change was checked against the layout it replaced: that is a {@link CommitConflictException}, not
 * retried.
 */
final class LayoutChanges {
  private LayoutChanges() {}

  static UpdateSchema updateSchema(TableOperations ops) {
    TableState read = ops.refresh();
    TableMetadata m = read.metadata();
    return TableLayoutErrors.of(new SchemaUpdate(m.schema(), m.lastColumnId(), m.partitionSpecs(),
        m.sortOrder(), u -> commitSchema(ops, read, u)), ops.id().toString(), read.version());
  }

  static UpdatePartitionSpec updateSpec(TableOperations ops) {
    TableState read = ops.refresh();
    TableMetadata m = read.metadata();
    int newSpecId = m.partitionSpecs().stream().mapToInt(PartitionSpec::specId).max().orElse(0) + 1;
    return TableLayoutErrors.of(new PartitionSpecUpdate(m.schema(), m.spec(), newSpecId, m.lastPartitionId(),
        u -> commitSpec(ops, read, u)), ops.id().toString(), read.version());
  }

  static ReplaceSortOrder replaceSortOrder(TableOperations ops) {
    TableState read = ops.refresh();
    TableMetadata m = read.metadata();
    int newOrderId = m.sortOrders().stream().mapToInt(SortOrder::orderId).max().orElse(0) + 1;
    return TableLayoutErrors.of(new SortOrderUpdate(m.schema(), newOrderId, u -> commitSortOrder(ops, read, u)),
        ops.id().toString(), read.version());
  }

  private static Schema commitSchema(TableOperations ops, TableState read, SchemaUpdate update) {
    TableMetadata m = read.metadata();
    Schema applied = update.apply(); // refused input fails here, before anything is written
    if (applied.fields().equals(m.schema().fields())) {
      return m.schema(); // nothing changes: nothing to commit
    }
    Schema next = applied.withSchemaId(m.schemas().stream().mapToInt(Schema::schemaId).max().orElse(0) + 1);
    Committer committer = new Committer(ops);
    committer.commit("schema change", read, conflicts(ops, read, "schema change"), base -> {
      TableMetadata b = base.metadata();
      List<Schema> schemas = new ArrayList<>(b.schemas());
      schemas.add(next);
      return new Committer.Next(committer.nextVersion(base, "update-schema", Committer.nextTimestamp(base))
          .schemas(schemas, next.schemaId())
          .lastColumnId(Math.max(b.lastColumnId(), update.lastColumnId()))
          .build());
    });
    return next;
  }

  private static PartitionSpec commitSpec(TableOperations ops, TableState read, PartitionSpecUpdate update) {
    TableMetadata m = read.metadata();
    PartitionSpec applied = update.apply();
    if (sameFields(applied, m.spec())) {
      return m.spec();
    }
    // going back to a layout the table had reuses that spec, so its files and the new ones prune alike
    Optional<PartitionSpec> earlier = m.partitionSpecs().stream().filter(s -> sameFields(s, applied)).findFirst();
    PartitionSpec next = earlier.orElse(applied);
    Committer committer = new Committer(ops);
    committer.commit("partition spec change", read, conflicts(ops, read, "partition spec change"), base -> {
      TableMetadata b = base.metadata();
      List<PartitionSpec> specs = new ArrayList<>(b.partitionSpecs());
      if (earlier.isEmpty()) {
        specs.add(next);
      }
      return new Committer.Next(committer.nextVersion(base, "update-spec", Committer.nextTimestamp(base))
          .partitionSpecs(specs, next.specId())
          .lastPartitionId(Math.max(b.lastPartitionId(), update.lastAssignedFieldId()))
          .build());
    });
    return next;
  }

  private static SortOrder commitSortOrder(TableOperations ops, TableState read, SortOrderUpdate update) {
    TableMetadata m = read.metadata();
    SortOrder applied = update.apply();
    if (applied.sameFields(m.sortOrder())) {
      return m.sortOrder();
    }
    // going back to an order the table had reuses its id, as specs are reused
    Optional<SortOrder> earlier = m.sortOrders().stream().filter(o -> o.sameFields(applied)).findFirst();
    SortOrder next = earlier.orElse(applied);
    Committer committer = new Committer(ops);
    committer.commit("sort order change", read, conflicts(ops, read, "sort order change"), base -> {
      List<SortOrder> orders = new ArrayList<>(base.metadata().sortOrders());
      if (earlier.isEmpty()) {
        orders.add(next);
      }
      return new Committer.Next(committer.nextVersion(base, "replace-sort-order", Committer.nextTimestamp(base))
          .sortOrders(orders, next.orderId())
          .build());
    });
    return next;
  }

  /** Same source columns, transforms and names in the same order; field ids aside. */
  private static boolean sameFields(PartitionSpec a, PartitionSpec b) {
    if (a.fields().size() != b.fields().size()) {
      return false;
    }
    for (int i = 0; i < a.fields().size(); i++) {
      PartitionSpec.Field x = a.fields().get(i);
      PartitionSpec.Field y = b.fields().get(i);
      if (x.sourceId() != y.sourceId() || !x.transform().equals(y.transform()) || !x.name().equals(y.name())) {
        return false;
      }
    }
    return true;
  }

  private static ConflictValidator conflicts(TableOperations ops, TableState read, String what) {
    return commit -> {
      if (commit.changedLayout()) {
        throw new CommitConflictException("Table " + ops.id() + ": version " + commit.version() + " changed the"
            + " schema, partition spec or sort order after this " + what + " read version " + read.version()
            + "; nothing was committed. Refresh the table and make the change again against its new layout",
            ops.id().toString(), read.version(), commit.version(), null);
      }
    };
  }
}
