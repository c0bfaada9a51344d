package dev.snaplog.spark.internal;

import java.io.Serializable;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Which metadata columns a read returns after the table's columns, in this order: {@code _file}
 * ({@link FileColumn}) and {@code _pos} ({@link PositionColumn}).
 *
 * @param file return the data file's location
 * @param position return the row's position in its data file
 */
record RowMetadata(boolean file, boolean position) implements Serializable {
  private static final long serialVersionUID = 1L;
  static final RowMetadata NONE = new RowMetadata(false, false);
  private static final Object[] NO_VALUES = new Object[0];

  /** {@code data} followed by the metadata columns asked for. */
  StructType appendTo(StructType data) {
    StructType out = file ? data.add(FileColumn.field()) : data;
    return position ? out.add(PositionColumn.field()) : out;
  }

  /** The metadata values of a row at {@code rowPosition} of the file whose location is {@code location}. */
  Object[] values(UTF8String location, long rowPosition) {
    if (!file && !position) {
      return NO_VALUES;
    }
    if (file && position) {
      return new Object[] {location, rowPosition};
    }
    return new Object[] {file ? location : (Object) rowPosition};
  }

  @Override
  public String toString() {
    return (file ? " +" + FileColumn.NAME : "") + (position ? " +" + PositionColumn.NAME : "");
  }
}
