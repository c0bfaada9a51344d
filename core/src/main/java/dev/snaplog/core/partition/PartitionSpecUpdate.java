package dev.snaplog.core.partition;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.UpdatePartitionSpec;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a table's next partition spec from its current one. Pure, like
 * {@link dev.snaplog.core.schema.SchemaUpdate}: the catalog re-applies it to a newer base after a lost race.
 * Kept fields keep their partition field ids; new fields count on from the highest id the table has assigned,
 * so a partition value's id never changes meaning. Not thread-safe.
 */
public final class PartitionSpecUpdate implements UpdatePartitionSpec {
  private final Schema schema;
  private final int newSpecId;
  private final Function<PartitionSpecUpdate, PartitionSpec> committer;
  private final List<PartitionSpec.Field> fields;
  private int lastAssignedFieldId;

  /**
   * @param schema the table's current schema, which new fields are resolved against
   * @param current the table's current default spec
   * @param newSpecId the id the new spec gets (one above the table's highest spec id)
   * @param lastAssignedFieldId the highest partition field id the table has assigned
   * @param committer commits the change and returns the committed spec; the catalog supplies it
   */
  public PartitionSpecUpdate(Schema schema, PartitionSpec current, int newSpecId, int lastAssignedFieldId,
      Function<PartitionSpecUpdate, PartitionSpec> committer) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.newSpecId = newSpecId;
    this.committer = Objects.requireNonNull(committer, "committer");
    this.fields = new ArrayList<>(current.fields());
    this.lastAssignedFieldId = Math.max(lastAssignedFieldId, current.lastFieldId());
  }

  @Override
  public UpdatePartitionSpec addField(String field) {
    PartitionSpec parsed = PartitionSpecParser.parse(field, schema, newSpecId, lastAssignedFieldId);
    if (parsed.fields().size() != 1) {
      throw new ValidationException("addField takes one partition field, got '" + field + "'; add them one by"
          + " one");
    }
    PartitionSpec.Field added = parsed.fields().get(0);
    PartitionSpecParser.checkNotRedundant(field, schema.findName(added.sourceId()).orElseThrow(), added, fields);
    fields.add(added);
    lastAssignedFieldId = added.fieldId();
    return this;
  }

  @Override
  public UpdatePartitionSpec removeField(String name) {
    boolean removed = fields.removeIf(f -> f.name().equals(name));
    if (!removed) {
      throw new ValidationException("Cannot remove partition field '" + name + "': no such field; the fields are "
          + fields.stream().map(PartitionSpec.Field::name).toList());
    }
    return this;
  }

  @Override
  public UpdatePartitionSpec partitionBy(String spec) {
    Objects.requireNonNull(spec, "spec");
    List<PartitionSpec.Field> target = spec.isBlank() || spec.strip().equalsIgnoreCase("none") ? List.of()
        : PartitionSpecParser.parse(spec, schema, newSpecId, lastAssignedFieldId).fields();
    fields.removeIf(have -> target.stream().noneMatch(wanted -> sameSource(wanted, have)));
    for (PartitionSpec.Field wanted : target) {
      if (fields.stream().noneMatch(have -> sameSource(wanted, have))) {
        addField(new PartitionSpec(newSpecId, List.of(wanted)).toText(schema)); // its checks, the next id
      }
    }
    return this;
  }

  /** Whether two fields partition the same column the same way (their ids and names aside). */
  private static boolean sameSource(PartitionSpec.Field a, PartitionSpec.Field b) {
    return a.sourceId() == b.sourceId() && a.transform().equals(b.transform());
  }

  /** The highest partition field id assigned so far: the table's next {@code last-partition-id}. */
  public int lastAssignedFieldId() {
    return lastAssignedFieldId;
  }

  @Override
  public PartitionSpec apply() {
    return new PartitionSpec(newSpecId, fields);
  }

  @Override
  public PartitionSpec commit() {
    return committer.apply(this);
  }
}
