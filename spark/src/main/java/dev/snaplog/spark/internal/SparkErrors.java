package dev.snaplog.spark.internal;

import dev.snaplog.core.exceptions.CommitConflictException;
import dev.snaplog.core.exceptions.ValidationException;
import java.util.Collection;
import org.apache.spark.sql.types.DataType;

/** Every message the connector gives a user, in one place: what is wrong and what to do instead. */
public final class SparkErrors {
  private SparkErrors() {}

  public static ValidationException missingWarehouse(String catalogName) {
    return new ValidationException("Catalog '" + catalogName + "' has no warehouse: set spark.sql.catalog."
        + catalogName + ".warehouse to a path or s3://bucket/prefix");
  }

  public static ValidationException unsupportedType(String column, DataType type) {
    return new ValidationException("Column '" + column + "' has Spark type " + type.sql() + ", which a Snaplog"
        + " table cannot hold; use BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p,s), STRING, BINARY, DATE,"
        + " TIME, TIMESTAMP or TIMESTAMP_NTZ, or STRUCT, ARRAY and MAP of those" + hint(type));
  }

  private static String hint(DataType type) {
    String sql = type.sql();
    if (sql.equals("TINYINT") || sql.equals("SMALLINT")) {
      return " (CAST the column AS INT)";
    }
    return "";
  }

  public static ValidationException collatedString(String column, String collation) {
    return new ValidationException("Column '" + column + "' is a STRING with collation " + collation
        + "; Snaplog strings compare by code point (UTF8_BINARY), so declare it without a collation");
  }

  public static ValidationException timeTooPrecise(String column, int precision) {
    return new ValidationException("Column '" + column + "' is TIME(" + precision + "); Snaplog keeps times to"
        + " the microsecond, so declare it as TIME(6) or coarser");
  }

  public static ValidationException nestedNamespace(String[] namespace) {
    return new ValidationException("Namespace " + String.join(".", namespace) + " has " + namespace.length
        + " levels; Snaplog namespaces have exactly one (catalog.namespace.table)");
  }

  public static ValidationException unsupportedTransform(String transform) {
    return new ValidationException("PARTITIONED BY " + transform + " is not a Snaplog partition transform; use a"
        + " column (identity), years(c), months(c), days(c), hours(c), bucket(N, c) or truncate(W, c), each on one"
        + " column; nothing was created");
  }

  public static ValidationException unsupportedTableProperty(String key, String value) {
    return switch (key) {
      case "location" -> new ValidationException("A Snaplog table lives under its catalog's warehouse; LOCATION '"
          + value + "' cannot be set (configure another catalog for another warehouse)");
      case "provider" -> new ValidationException("Tables of a Snaplog catalog are Snaplog tables; USING " + value
          + " is not possible here (leave USING out or write USING snaplog)");
      default -> new ValidationException("Table property '" + key + "' is not supported by Snaplog tables");
    };
  }

  public static ValidationException namespaceProperties(Collection<String> keys) {
    return new ValidationException("Snaplog namespaces hold no properties; leave out " + keys);
  }

  public static UnsupportedOperationException unsupported(String what, String instead) {
    return new UnsupportedOperationException(what + " is not supported by Snaplog tables yet; " + instead);
  }

  public static ValidationException conflictingTimeTravel(Collection<String> given) {
    return new ValidationException("Choose one way to time-travel; got " + given + " (use one of VERSION AS OF,"
        + " TIMESTAMP AS OF, or the read options snapshot-id, as-of, tag, branch)");
  }

  public static ValidationException badSnapshotId(String value) {
    return new ValidationException("Read option snapshot-id must be a snapshot id (a whole number), got '" + value
        + "'");
  }

  public static ValidationException badTime(String option, String value) {
    return new ValidationException("Read option " + option + " must be a time: an ISO-8601 instant"
        + " (2026-01-01T10:00:00Z), a local date-time in the session time zone (2026-01-01 10:00:00) or epoch"
        + " milliseconds; got '" + value + "'");
  }

  public static ValidationException noSuchVersion(String table, String version, Collection<String> tags,
      Collection<String> branches) {
    return new ValidationException("Table " + table + " has no snapshot, tag or branch '" + version + "'; VERSION AS"
        + " OF takes a snapshot id or a name (tags: " + tags + ", branches: " + branches + ")");
  }

  public static ValidationException notAPathOrName(String given) {
    return new ValidationException("'" + given + "' is neither a table location (a path with '/' or an"
        + " s3:// URI, <warehouse>/<namespace>/<table>) nor a table name (namespace.table)");
  }

  public static ValidationException noWarehouseForName(String name) {
    return new ValidationException("Table name '" + name + "' needs a warehouse: set the option warehouse, or"
        + " configure a Snaplog catalog (spark.sql.catalog.snaplog=dev.snaplog.spark.SnaplogCatalog and"
        + " spark.sql.catalog.snaplog.warehouse), or name the catalog with the option catalog");
  }

  public static ValidationException locationTooShort(String location) {
    return new ValidationException("Table location '" + location + "' must be <warehouse>/<namespace>/<table>");
  }

  public static CommitConflictException filesChanged(String table, long readVersion,
      long newestVersion, String file, boolean removed) {
    return new CommitConflictException("Table " + table + ": data file " + file + " was "
        + (removed ? "removed or rewritten" : "given new deleted rows") + " by a commit after version " + readVersion
        + ", which this operation read; nothing was committed. Run the statement again against the new state",
        table, readVersion, newestVersion, file);
  }

  public static ValidationException dynamicOverwrite(String table) {
    return new ValidationException("Table " + table + " is not partitioned, so a dynamic partition overwrite has no"
        + " partitions to choose from and would replace the whole table; use INSERT OVERWRITE (replaces every"
        + " row), INSERT INTO ... REPLACE WHERE <condition> / df.writeTo(t).overwrite(condition) / the write"
        + " option replaceWhere (replaces the rows a condition matches), or MERGE INTO (replaces rows by key)");
  }

  public static ValidationException overwriteNotExact(String table, String condition) {
    return new ValidationException("Table " + table + ": the overwrite condition " + condition + " cannot be"
        + " applied exactly by Snaplog (supported: comparisons, IN, IS [NOT] NULL, <=>, AND/OR/NOT on columns"
        + " that are not float, double or uuid, with literals of the column's type); nothing was written");
  }

  public static ValidationException badReplaceWhere(String condition, String problem) {
    return new ValidationException("Write option replaceWhere '" + condition + "' is not a condition on the"
        + " table's columns: " + problem);
  }

  public static ValidationException replaceWhereWithoutOverwrite() {
    return new ValidationException("Write option replaceWhere needs save mode overwrite"
        + " (df.write.format(\"snaplog\").mode(\"overwrite\").option(\"replaceWhere\", condition))");
  }

  public static ValidationException branchInRowLevelOperation(String command) {
    return new ValidationException(command + " changes the table's main branch; the option branch is not"
        + " supported here (read the branch and write to it with df.writeTo)");
  }

  public static ValidationException badRowLevelMode(String property, String value) {
    return new ValidationException("Table property " + property + " must be '" + RowLevelMode.MERGE_ON_READ_NAME
        + "' or '" + RowLevelMode.COPY_ON_WRITE_NAME + "', got '" + value + "'; nothing was changed");
  }

  public static ValidationException badReadSetting(String key, String value, String expected) {
    return new ValidationException("Read setting '" + key + "' is '" + value + "'; expected " + expected
        + " (as a read option or a table property)");
  }
}
