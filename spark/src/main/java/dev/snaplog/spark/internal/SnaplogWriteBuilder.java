package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.Table;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsDynamicOverwrite;
import org.apache.spark.sql.connector.write.SupportsOverwriteV2;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * Starts a write: an append unless Spark asks for an overwrite. Static overwrites ({@code INSERT OVERWRITE},
 * {@code INSERT INTO ... REPLACE WHERE}, {@code df.writeTo(t).overwrite(condition)}, save mode overwrite with
 * or without the option {@code replaceWhere}) replace the rows their condition matches, which must translate
 * exactly into a Snaplog filter. A dynamic partition overwrite replaces the partitions the written rows fall in
 * ({@link ReplacePartitionsCommit}); it is refused on an unpartitioned table, which has none to choose. Options
 * and conditions are checked here, before any task runs.
 */
final class SnaplogWriteBuilder implements SupportsOverwriteV2, SupportsDynamicOverwrite {
  static final String REPLACE_WHERE = "replaceWhere";

  private final Table table;
  private final WarehouseConfig config;
  private final LogicalWriteInfo info;
  private CommitOperation operation;

  SnaplogWriteBuilder(Table table, WarehouseConfig config, LogicalWriteInfo info) {
    this(table, config, info, new AppendCommit());
  }

  /** A builder whose write commits through {@code operation} (a row-level operation's). */
  SnaplogWriteBuilder(Table table, WarehouseConfig config, LogicalWriteInfo info, CommitOperation operation) {
    this.table = table;
    this.config = config;
    this.info = info;
    this.operation = operation;
  }

  /** Always: a condition that cannot be applied exactly is refused by {@link #overwrite}, saying why. */
  @Override
  public boolean canOverwrite(Predicate[] predicates) {
    return true;
  }

  @Override
  public WriteBuilder overwrite(Predicate[] predicates) {
    String text = Arrays.toString(predicates);
    Expression filter = SparkFilters.exact(table.schema()).translateAll(predicates)
        .orElseThrow(() -> SparkErrors.overwriteNotExact(table.id().toString(), text));
    operation = new OverwriteCommit(filter, text);
    return this;
  }

  /** Every row is replaced; with the write option {@code replaceWhere}, the rows its condition matches. */
  @Override
  public WriteBuilder truncate() {
    String condition = info.options().get(REPLACE_WHERE);
    if (condition == null) {
      operation = new OverwriteCommit(Expressions.alwaysTrue(), "true");
      return this;
    }
    Expression filter = ReplaceWhere.parse(condition, table.schema())
        .orElseThrow(() -> SparkErrors.overwriteNotExact(table.id().toString(), condition));
    operation = new OverwriteCommit(filter, condition);
    return this;
  }

  /** Replaces the partitions the written rows fall in; refused for an unpartitioned table (it has none). */
  @Override
  public WriteBuilder overwriteDynamicPartitions() {
    if (table.spec().isUnpartitioned()) {
      throw SparkErrors.dynamicOverwrite(table.id().toString());
    }
    operation = new ReplacePartitionsCommit();
    return this;
  }

  @Override
  public Write build() {
    Schema schema = table.schema();
    StructField[] incoming = info.schema().fields();
    if (incoming.length != schema.size()) {
      throw new ValidationException("Table " + table.id() + " has columns " + schema.columnNames() + " but the"
          + " write has " + Arrays.stream(incoming).map(StructField::name).toList());
    }
    if (info.options().containsKey(REPLACE_WHERE) && !(operation instanceof OverwriteCommit)) {
      throw SparkErrors.replaceWhereWithoutOverwrite();
    }
    WriteSettings settings = new WriteSettings(info.queryId(), info.options());
    settings.commitToken().ifPresent(t -> table.newAppend().commitToken(t)); // a malformed token fails now
    settings.configure(table.newAppend()); // so does an unknown branch, when the append is built on it
    return new SnaplogWrite(table, config, schema, settings, operation);
  }
}
