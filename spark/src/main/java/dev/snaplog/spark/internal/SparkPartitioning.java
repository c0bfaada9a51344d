package dev.snaplog.spark.internal;

import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Schema;
import dev.snaplog.core.partition.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Expressions;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;

/**
 * Partition specs between Spark's partition transforms ({@code PARTITIONED BY (days(ts), bucket(16, id),
 * truncate(4, s), col)}) and Snaplog's. A Spark transform becomes one field of Snaplog's spec text and the spec
 * is built by {@link PartitionSpec#parse}, so columns, types and repeated fields are checked exactly as for a
 * table created by the command line.
 */
public final class SparkPartitioning {
  private SparkPartitioning() {}

  /**
   * The spec for a new table of {@code schema} partitioned by {@code transforms}; unpartitioned when there are
   * none.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException for a transform Snaplog does not have (naming it and
   *     the ones it has), an unknown column, or a transform that cannot apply to its column's type
   */
  public static PartitionSpec toSpec(org.apache.spark.sql.connector.expressions.Transform[] transforms,
      Schema schema) {
    if (transforms == null || transforms.length == 0) {
      return PartitionSpec.UNPARTITIONED;
    }
    List<String> terms = new ArrayList<>();
    for (org.apache.spark.sql.connector.expressions.Transform t : transforms) {
      terms.add(term(t));
    }
    return PartitionSpec.parse(String.join(", ", terms), schema);
  }

  /** One field of Snaplog's spec text ({@code day(ts)}, {@code bucket(16, id)}, {@code col}). */
  private static String term(org.apache.spark.sql.connector.expressions.Transform t) {
    Expression[] args = t.arguments();
    String name = t.name().toLowerCase(Locale.ROOT);
    switch (name) {
      case "identity":
        return column(t, args, 0, 1);
      case "year", "years":
        return "year(" + column(t, args, 0, 1) + ")";
      case "month", "months":
        return "month(" + column(t, args, 0, 1) + ")";
      case "day", "days":
        return "day(" + column(t, args, 0, 1) + ")";
      case "hour", "hours", "date_hour":
        return "hour(" + column(t, args, 0, 1) + ")";
      case "bucket", "truncate": {
        // Spark's bucket puts the count first; truncate is passed through as written, so take either order
        int number = args.length == 2 && args[1] instanceof Literal<?> ? 1 : 0;
        return name + "(" + number(t, args, number) + ", " + column(t, args, 1 - number, 2) + ")";
      }
      default:
        throw SparkErrors.unsupportedTransform(t.describe());
    }
  }

  private static String column(org.apache.spark.sql.connector.expressions.Transform t, Expression[] args,
      int index, int arity) {
    if (args.length != arity || !(args[index] instanceof NamedReference ref)) {
      throw SparkErrors.unsupportedTransform(t.describe());
    }
    return String.join(".", ref.fieldNames());
  }

  private static String number(org.apache.spark.sql.connector.expressions.Transform t, Expression[] args,
      int index) {
    if (args.length != 2 || !(args[index] instanceof Literal<?> lit) || !(lit.value() instanceof Number n)) {
      throw SparkErrors.unsupportedTransform(t.describe());
    }
    return Long.toString(n.longValue());
  }

  /** {@code spec} as Spark's partition transforms, with source columns named as in {@code schema}. */
  public static org.apache.spark.sql.connector.expressions.Transform[] toSpark(PartitionSpec spec, Schema schema) {
    List<org.apache.spark.sql.connector.expressions.Transform> out = new ArrayList<>();
    for (PartitionSpec.Field f : spec.fields()) {
      String column = quoted(schema.findName(f.sourceId()).orElseThrow(() -> new IllegalStateException(
          "Partition field " + f + " reads a column the schema " + schema + " does not have")));
      Transform transform = f.transform();
      if (transform instanceof Transform.Bucket b) {
        out.add(Expressions.bucket(b.numBuckets(), column));
      } else if (transform instanceof Transform.Truncate tr) {
        out.add(Expressions.apply("truncate", Expressions.literal(tr.width()), Expressions.column(column)));
      } else if (transform instanceof Transform.Time time) {
        out.add(switch (time.unit()) {
          case YEAR -> Expressions.years(column);
          case MONTH -> Expressions.months(column);
          case DAY -> Expressions.days(column);
          case HOUR -> Expressions.hours(column);
        });
      } else {
        out.add(Expressions.identity(column));
      }
    }
    return out.toArray(org.apache.spark.sql.connector.expressions.Transform[]::new);
  }

  /** A column name Spark parses back as one name, whatever characters it holds. */
  private static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
