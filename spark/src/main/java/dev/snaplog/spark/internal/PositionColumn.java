package dev.snaplog.spark.internal;

import org.apache.spark.sql.connector.catalog.MetadataColumn;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The metadata column {@code _pos}: a row's 0-based position in its data file, counting deleted rows, as a
 * deletion vector names it. With {@code _file} it identifies a row; merge-on-read operations delete rows by
 * this pair. A table column of the same name hides it.
 */
final class PositionColumn implements MetadataColumn {
  static final String NAME = "_pos";
  static final PositionColumn INSTANCE = new PositionColumn();

  private PositionColumn() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean isNullable() {
    return false;
  }

  @Override
  public String comment() {
    return "position of the row in its data file";
  }

  static StructField field() {
    return DataTypes.createStructField(NAME, DataTypes.LongType, false);
  }
}
