package dev.snaplog.spark.internal;

import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The metadata column {@code _file}: the location of the data file a row was read from
 * ({@code SELECT _file, * FROM t}). Copy-on-write operations ask for it, which makes Spark hand their writers
 * the table's columns alone. A table column of the same name hides it.
 */
final class FileColumn implements MetadataColumn {
  static final String NAME = "_file";
  static final FileColumn INSTANCE = new FileColumn();

  private FileColumn() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DataType dataType() {
    return DataTypes.StringType;
  }

  @Override
  public boolean isNullable() {
    return false;
  }

  @Override
  public String comment() {
    return "location of the data file holding the row";
  }

  static StructField field() {
    return DataTypes.createStructField(NAME, DataTypes.StringType, false);
  }
}
