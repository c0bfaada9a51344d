package dev.snaplog.core;

import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.partition.PartitionSpecParser;
import dev.snaplog.core.partition.Transform;
import dev.snaplog.core.partition.Transforms;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a table's rows are split into partitions: each partition field applies a {@link Transform} to a source
 * column ({@code day(ts)}, {@code bucket(16, id)}). Partitioning is hidden: users filter on the source column
 * and planning projects the filter onto partition values
 * ({@link dev.snaplog.core.expressions.Projections}). Every data file names the spec it was written for, so
 * specs can change while old files keep theirs.
 *
 * <p>Partition field ids start at {@link #FIRST_FIELD_ID} and are never reused within a table, as in Iceberg,
 * so that they never collide with column ids in stats or partition values.
 *
 * @param specId the id data file entries name
 * @param fields the partition fields, in order
 */
public record PartitionSpec(int specId, List<Field> fields) {
  /** The id of the first partition field of a table. */
  public static final int FIRST_FIELD_ID = 1000;

  /**
   * One partition field: {@code transform} applied to the column with id {@code sourceId}.
   *
   * @param fieldId the id partition values are keyed by
   * @param name the name in partition paths and partition filters ({@code ts_day})
   */
  public record Field(int sourceId, int fieldId, String name, Transform transform) {
    public Field {
      java.util.Objects.requireNonNull(transform, "transform");
      Names.checkColumn(name);
    }

    /** A field whose transform is given in its stored form ({@code bucket[16]}). */
    public Field(int sourceId, int fieldId, String name, String transform) {
      this(sourceId, fieldId, name, Transforms.fromString(transform));
    }

    @Override
    public String toString() {
      return name + "=" + transform + "(" + sourceId + ")";
    }
  }

  public static final PartitionSpec UNPARTITIONED = new PartitionSpec(0, List.of());

  public PartitionSpec {
    fields = List.copyOf(fields);
    Set<String> names = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (Field f : fields) {
      ValidationException.check(names.add(f.name()), "partition spec %d names partition field '%s' twice", specId,
          f.name());
      ValidationException.check(ids.add(f.fieldId()), "partition spec %d uses partition field id %d twice",
          specId, f.fieldId());
    }
  }

  /**
   * Parses a partition spec such as {@code "day(ts), bucket(16, id), truncate(4, name), id"} for a new table:
   * spec id 0, partition field ids from {@link #FIRST_FIELD_ID}.
   *
   * @throws ValidationException naming an unknown transform, an unknown column, or a transform that cannot
   *     apply to the column's type, and what to write instead
   */
  public static PartitionSpec parse(String text, Schema schema) {
    return PartitionSpecParser.parse(text, schema, 0, FIRST_FIELD_ID - 1);
  }

  public boolean isUnpartitioned() {
    return fields.isEmpty();
  }

  /** The highest partition field id of this spec, or {@code FIRST_FIELD_ID - 1} if it has none. */
  public int lastFieldId() {
    return fields.stream().mapToInt(Field::fieldId).max().orElse(FIRST_FIELD_ID - 1);
  }

  /** The ids of the columns this spec reads. */
  public Set<Integer> sourceIds() {
    Set<Integer> out = new HashSet<>();
    fields.forEach(f -> out.add(f.sourceId()));
    return out;
  }

  /**
   * Checks that every source column is in {@code schema} with a type its transform applies to; a schema change
   * that breaks a spec in use is refused with this.
   *
   * @throws ValidationException naming the partition field and the column
   */
  public void checkCompatible(Schema schema) {
    for (Field f : fields) {
      dev.snaplog.core.Field source = schema.findFieldById(f.sourceId()).orElseThrow(() -> new ValidationException(
          "Partition field '" + f.name() + "' of spec " + specId + " reads column id " + f.sourceId() + ", which"
              + " the schema does not have; remove the partition field first"));
      ValidationException.check(f.transform().canTransform(source.type()), "Partition field '%s' of spec %d"
          + " applies %s to column '%s', which cannot be %s; keep the column's type or change the spec first",
          f.name(), specId, f.transform(), source.name(), source.type());
    }
  }

  /**
   * The partition values as columns: one optional column per partition field, with the partition field id,
   * name and the transform's result type. Partition filters are bound to these.
   */
  public List<dev.snaplog.core.Field> partitionColumns(Schema schema) {
    List<dev.snaplog.core.Field> out = new ArrayList<>();
    for (Field f : fields) {
      out.add(dev.snaplog.core.Field.optional(f.fieldId(), f.name(),
          f.transform().resultType(sourceType(f, schema))));
    }
    return out;
  }

  /**
   * The partition values of {@code row} by partition field id (null where the source value is null).
   *
   * @throws ValidationException if the row's schema lacks a source column
   */
  public Map<Integer, Object> partition(Record row) {
    Map<Integer, Object> out = new LinkedHashMap<>();
    for (Field f : fields) {
      dev.snaplog.core.Field source = sourceField(f, row.schema());
      out.put(f.fieldId(), f.transform().apply(source.type(), row.schema().accessor(f.sourceId()).apply(row)));
    }
    return out;
  }

  /**
   * The relative path of a partition's files, {@code ts_day=2026-01-02/id_bucket=3}: names and values
   * URL-encoded, null as {@code null}. Empty for an unpartitioned spec.
   */
  public String path(Map<Integer, Object> partition, Schema schema) {
    StringBuilder sb = new StringBuilder();
    for (Field f : fields) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      String value = f.transform().toHumanString(sourceType(f, schema), partition.get(f.fieldId()));
      sb.append(URLEncoder.encode(f.name(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  private static dev.snaplog.core.types.Type sourceType(Field f, Schema schema) {
    return sourceField(f, schema).type();
  }

  private static dev.snaplog.core.Field sourceField(Field f, Schema schema) {
    return schema.findFieldById(f.sourceId()).orElseThrow(() -> new ValidationException("Partition field '"
        + f.name() + "' reads column id " + f.sourceId() + ", which the schema " + schema + " does not have"));
  }

  /**
   * This spec in the form {@link #parse} reads, {@code "day(ts), bucket(16, id)"}, with the source columns
   * named as in {@code schema}; {@code ""} when unpartitioned.
   */
  public String toText(Schema schema) {
    List<String> parts = new ArrayList<>();
    for (Field f : fields) {
      String column = schema.findName(f.sourceId()).orElse("#" + f.sourceId());
      String t = f.transform().toString();
      int bracket = t.indexOf('[');
      parts.add(t.equals("identity") ? column
          : bracket > 0 ? t.substring(0, bracket) + "(" + t.substring(bracket + 1, t.length() - 1) + ", " + column + ")"
          : t + "(" + column + ")");
    }
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return fields.isEmpty() ? "unpartitioned" : String.join(", ", fields.stream().map(Field::toString).toList());
  }
}
