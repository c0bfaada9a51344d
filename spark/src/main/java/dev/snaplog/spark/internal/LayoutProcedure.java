package dev.snaplog.spark.internal;

import dev.snaplog.core.Catalog;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Table;
import dev.snaplog.core.TableId;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.procedures.BoundProcedure;
import org.apache.spark.sql.connector.catalog.procedures.ProcedureParameter;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The procedures that change how a table lays out new data, which Spark SQL has no statement for:
 * {@code CALL snaplog.system.set_partition_spec(table => 'db.t', spec => 'day(ts), bucket(16, id)')} and
 * {@code CALL snaplog.system.set_sort_order(table => 'db.t', sort_by => 'ts desc, id')}. Each is one commit
 * through {@code UpdatePartitionSpec.partitionBy} / {@code ReplaceSortOrder.sortBy}, as {@code snaplog alter}
 * makes it, and returns the table's new version with the layout as committed.
 */
public final class LayoutProcedure implements UnboundProcedure, BoundProcedure {
  /** The namespace the procedures are in. */
  public static final String NAMESPACE = "system";

  /** How one procedure changes a table: the layout text in, the committed layout as text out. */
  @FunctionalInterface
  private interface Change {
    String apply(Table table, String layout);
  }

  private static final Map<String, LayoutProcedure> PROCEDURES = Map.of(
      "set_partition_spec", new LayoutProcedure("set_partition_spec", "spec", "partition_by",
          "Partitions new data of a table by a spec written as in PARTITIONED BY ('none': unpartitioned)",
          (t, spec) -> {
            PartitionSpec s = t.updateSpec().partitionBy(spec).commit();
            return s.isUnpartitioned() ? "" : s.toText(t.refresh().schema());
          }),
      "set_sort_order", new LayoutProcedure("set_sort_order", "sort_by", "sort_by",
          "Sorts new data files of a table by columns written as 'ts desc, id' ('': unsorted)",
          (t, order) -> {
            SortOrder o = t.replaceSortOrder().sortBy(order).commit();
            return o.toText(t.refresh().schema());
          }));

  private final String name;
  private final String argument;
  private final String resultColumn;
  private final String description;
  private final Change change;
  private Catalog catalog;

  private LayoutProcedure(String name, String argument, String resultColumn, String description, Change change) {
    this.name = name;
    this.argument = argument;
    this.resultColumn = resultColumn;
    this.description = description;
    this.change = change;
  }

  /** The procedures' identifiers. */
  public static Identifier[] identifiers() {
    return PROCEDURES.keySet().stream().sorted().map(n -> Identifier.of(new String[] {NAMESPACE}, n))
        .toArray(Identifier[]::new);
  }

  /**
   * The procedure {@code ident} names, changing tables of {@code catalog}.
   *
   * @throws ValidationException naming the procedures there are, if there is no such procedure
   */
  public static UnboundProcedure load(Identifier ident, Catalog catalog) {
    LayoutProcedure p = ident.namespace().length == 1 && ident.namespace()[0].equals(NAMESPACE)
        ? PROCEDURES.get(ident.name()) : null;
    if (p == null) {
      throw new ValidationException("There is no procedure " + String.join(".", ident.namespace()) + "."
          + ident.name() + "; Snaplog's are " + List.of(identifiers()).stream().map(Identifier::toString).toList());
    }
    LayoutProcedure bound = new LayoutProcedure(p.name, p.argument, p.resultColumn, p.description, p.change);
    bound.catalog = catalog;
    return bound;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public BoundProcedure bind(StructType inputType) {
    return this;
  }

  @Override
  public ProcedureParameter[] parameters() {
    return new ProcedureParameter[] {
        ProcedureParameter.in("table", DataTypes.StringType).build(),
        ProcedureParameter.in(argument, DataTypes.StringType).build()};
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }

  @Override
  public Iterator<Scan> call(InternalRow input) {
    if (input.isNullAt(0) || input.isNullAt(1)) {
      throw new ValidationException("Procedure " + name + " takes a table ('db.t') and a " + argument
          + "; neither may be null");
    }
    Table table = catalog.loadTable(TableId.parse(input.getUTF8String(0).toString()));
    String layout = change.apply(table, input.getUTF8String(1).toString());
    long version = table.refresh().version();
    StructType schema = new StructType().add("version", DataTypes.LongType, false)
        .add(resultColumn, DataTypes.StringType, false);
    InternalRow row = new GenericInternalRow(new Object[] {version, UTF8String.fromString(layout)});
    Scan result = new LocalScan() {
      @Override
      public InternalRow[] rows() {
        return new InternalRow[] {row};
      }

      @Override
      public StructType readSchema() {
        return schema;
      }
    };
    return List.of(result).iterator();
  }
}
