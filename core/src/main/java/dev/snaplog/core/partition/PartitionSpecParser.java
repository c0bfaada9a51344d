package dev.snaplog.core.partition;

import dev.snaplog.core.Field;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads partition specs as users write them: {@code "day(ts), bucket(16, id), truncate(4, name), id"}. A bare
 * column is identity partitioning; {@code year}, {@code month}, {@code day} and {@code hour} take a column;
 * {@code bucket} and {@code truncate} take a number and a column. Column names may be dotted paths into
 * structs ({@code device.region}).
 */
public final class PartitionSpecParser {
  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)");

  private PartitionSpecParser() {}

  /**
   * Parses {@code text} against {@code schema}.
   *
   * @param specId the id of the new spec
   * @param lastAssignedFieldId the highest partition field id the table has used; new fields count on from it
   * @throws ValidationException for an unknown transform or column, a transform that cannot apply to its
   *     column's type, or a partition field given twice
   */
  public static PartitionSpec parse(String text, Schema schema, int specId, int lastAssignedFieldId) {
    List<PartitionSpec.Field> fields = new ArrayList<>();
    int nextId = Math.max(lastAssignedFieldId, PartitionSpec.FIRST_FIELD_ID - 1) + 1;
    if (text.isBlank()) {
      return new PartitionSpec(specId, fields);
    }
    for (String part : text.split(",(?![^()]*\\))")) {
      String term = part.trim();
      if (term.isEmpty()) {
        throw new ValidationException("Empty partition field in '" + text + "'; write fields such as"
            + " 'day(ts), bucket(16, id)' separated by commas");
      }
      fields.add(field(term, schema, nextId++, fields));
    }
    return new PartitionSpec(specId, fields);
  }

  private static PartitionSpec.Field field(String term, Schema schema, int fieldId,
      List<PartitionSpec.Field> earlier) {
    Matcher m = CALL.matcher(term);
    Transform transform;
    String column;
    if (!m.matches()) {
      transform = Transforms.identity();
      column = term;
    } else {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      List<String> args = List.of(m.group(2).split(",", -1)).stream().map(String::trim).toList();
      switch (name) {
        case "identity", "year", "month", "day", "hour" -> {
          requireArgs(term, args, 1, name + "(column)");
          transform = Transforms.fromString(name);
          column = args.get(0);
        }
        case "bucket", "truncate" -> {
          String usage = name.equals("bucket") ? "bucket(16, id)" : "truncate(4, name)";
          requireArgs(term, args, 2, usage);
          int n = number(term, args.get(0), usage);
          transform = name.equals("bucket") ? Transforms.bucket(n) : Transforms.truncate(n);
          column = args.get(1);
        }
        default -> throw new ValidationException("Unknown partition transform '" + m.group(1) + "' in '" + term
            + "'; the transforms are " + Transforms.KNOWN);
      }
    }
    Optional<Field> source = schema.findField(column);
    if (source.isEmpty()) {
      throw new ValidationException("Cannot partition by '" + term + "': unknown column '" + column
          + "'; the columns are " + schema.columnNames());
    }
    Field f = source.get();
    if (!transform.canTransform(f.type())) {
      throw new ValidationException("Cannot partition by '" + term + "': column '" + column + "' is " + f.type()
          + ", and " + transform + " applies only to " + typeNames(transform) + "; pick another transform or"
          + " column");
    }
    String name = transform.defaultFieldName(column);
    checkNotRedundant(term, column, new PartitionSpec.Field(f.id(), fieldId, name, transform), earlier);
    Optional<Field> clash = schema.findField(name);
    if (clash.isPresent() && clash.get().id() != f.id()) {
      throw new ValidationException("Cannot partition by '" + term + "': its partition field would be named '"
          + name + "', which is a column of the table; rename the column or partition differently");
    }
    return new PartitionSpec.Field(f.id(), fieldId, name, transform);
  }

  /** Refuses a field that repeats one of {@code earlier}: the same name, or the same column partitioned alike. */
  static void checkNotRedundant(String term, String column, PartitionSpec.Field added,
      List<PartitionSpec.Field> earlier) {
    for (PartitionSpec.Field e : earlier) {
      if (e.sourceId() == added.sourceId() && (e.transform().equals(added.transform())
          || e.transform() instanceof Transform.Time && added.transform() instanceof Transform.Time)) {
        throw new ValidationException("Cannot partition by '" + term + "': column '" + column + "' is already"
            + " partitioned by " + e.transform() + "; one time transform per column, and no field twice");
      }
      if (e.name().equals(added.name())) {
        throw new ValidationException("Cannot partition by '" + term + "': there is already a partition field"
            + " named '" + added.name() + "'");
      }
    }
  }

  private static void requireArgs(String term, List<String> args, int count, String usage) {
    if (args.size() != count || args.stream().anyMatch(String::isEmpty)) {
      throw new ValidationException("Partition field '" + term + "' needs " + count + " argument"
          + (count == 1 ? "" : "s") + ", as in " + usage);
    }
  }

  private static int number(String term, String arg, String usage) {
    try {
      int n = Integer.parseInt(arg);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ValidationException("Partition field '" + term + "' needs a positive whole number first, as in "
        + usage + "; got '" + arg + "'");
  }

  private static String typeNames(Transform t) {
    return t.sourceTypes().stream().map(id -> id.typeName()).collect(Collectors.joining(", "));
  }
}
