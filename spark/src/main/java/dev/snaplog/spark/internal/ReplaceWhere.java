package dev.snaplog.spark.internal;

import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.DataSourceStrategy$;

/**
 * The write option {@code replaceWhere}: a SQL condition on the table's columns, as in a {@code WHERE} clause,
 * naming the rows an overwrite replaces. Spark itself parses, resolves and simplifies it (over an empty
 * relation with the table's columns, which its optimiser cannot evaluate away), and its data source filter
 * translation hands it to {@link SparkFilters#exact}.
 */
final class ReplaceWhere {
  private ReplaceWhere() {}

  /**
   * The Snaplog filter selecting exactly the rows {@code condition} is true for; empty when it cannot be
   * translated exactly.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the condition is not valid SQL on the columns
   */
  static Optional<Expression> parse(String condition, Schema schema) {
    SparkSession spark = SparkSession.active();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    LogicalPlan plan;
    try {
      org.apache.spark.sql.Dataset<Row> rows = spark.createDataFrame(context.<Row>emptyRDD(),
          SparkSchemas.toSpark(schema)).where(condition);
      plan = ((org.apache.spark.sql.classic.Dataset<Row>) rows).queryExecution().optimizedPlan();
    } catch (Exception e) { // Spark's AnalysisException and parse errors
      throw SparkErrors.badReplaceWhere(condition, String.valueOf(e.getMessage()));
    }
    if (!(plan instanceof Filter filter)) {
      // the condition folded away: true leaves the relation as it was, false or null leaves no relation
      return Optional.of(plan instanceof org.apache.spark.sql.execution.LogicalRDD ? Expressions.alwaysTrue()
          : Expressions.alwaysFalse());
    }
    scala.Option<org.apache.spark.sql.sources.Filter> translated =
        DataSourceStrategy$.MODULE$.translateFilter(filter.condition(), true);
    return translated.isDefined() ? SparkFilters.exact(schema).translate(translated.get()) : Optional.empty();
  }
}
