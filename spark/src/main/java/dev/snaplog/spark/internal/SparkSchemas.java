package dev.snaplog.spark.internal;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeUtil;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.CharType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimeType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.sql.types.VarcharType;

/**
 * Column types between Spark and Snaplog. Snaplog to Spark always works (a uuid column reads as a string); Spark
 * to Snaplog refuses, naming the column and what to use instead, every type a Snaplog table cannot hold.
 *
 * <pre>
 *   boolean  BOOLEAN        int        INT            long       BIGINT
 *   float    FLOAT          double     DOUBLE         decimal    DECIMAL(p,s)
 *   string   STRING (also CHAR(n), VARCHAR(n) on create)
 *   binary   BINARY         date       DATE           time       TIME(6)
 *   timestamp   TIMESTAMP_NTZ          timestamptz    TIMESTAMP (with local time zone)
 *   uuid     STRING (written from canonical uuid strings)
 *   struct   STRUCT         list       ARRAY          map        MAP
 * </pre>
 */
public final class SparkSchemas {
  /** Spark's precision of time values Snaplog can hold: microseconds. */
  private static final int TIME_PRECISION = 6;

  private SparkSchemas() {}

  /** The Spark schema of a Snaplog schema; required columns are not nullable. */
  public static StructType toSpark(Schema schema) {
    List<StructField> fields = new ArrayList<>(schema.size());
    for (Field f : schema.fields()) {
      fields.add(DataTypes.createStructField(f.name(), toSpark(f.type()), !f.required()));
    }
    return DataTypes.createStructType(fields);
  }

  public static DataType toSpark(Type type) {
    return switch (type.id()) {
      case BOOLEAN -> DataTypes.BooleanType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case FLOAT -> DataTypes.FloatType;
      case DOUBLE -> DataTypes.DoubleType;
      case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
      case STRING, UUID -> DataTypes.StringType;
      case BINARY -> DataTypes.BinaryType;
      case DATE -> DataTypes.DateType;
      case TIME -> TimeType.apply(TIME_PRECISION);
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case TIMESTAMPTZ -> DataTypes.TimestampType;
      case STRUCT -> {
        List<StructField> fields = new ArrayList<>(type.fields().size());
        for (Field f : type.fields()) {
          fields.add(DataTypes.createStructField(f.name(), toSpark(f.type()), !f.required()));
        }
        yield DataTypes.createStructType(fields);
      }
      case LIST -> DataTypes.createArrayType(toSpark(type.elementField().type()), !type.elementField().required());
      case MAP -> DataTypes.createMapType(toSpark(type.keyField().type()), toSpark(type.valueField().type()),
          !type.valueField().required());
    };
  }

  /**
   * The Snaplog schema for columns Spark asks to create, with field ids 1, 2, 3...
   *
   * @throws dev.snaplog.core.exceptions.ValidationException naming the first column whose type Snaplog cannot
   *     hold
   */
  public static Schema fromSpark(Column[] columns) {
    List<Field> fields = new ArrayList<>(columns.length);
    for (Column c : columns) {
      fields.add(new Field(fields.size() + 1, c.name(), fromSpark(c.name(), c.dataType()), !c.nullable()));
    }
    return withNestedIds(fields);
  }

  /** As {@link #fromSpark(Column[])}, for a struct (a DataFrame's schema). */
  public static Schema fromSpark(StructType struct) {
    List<Field> fields = new ArrayList<>(struct.size());
    for (StructField f : struct.fields()) {
      fields.add(new Field(fields.size() + 1, f.name(), fromSpark(f.name(), f.dataType()), !f.nullable()));
    }
    return withNestedIds(fields);
  }

  /** The columns with ids 1..n, and their nested fields with ids after those, as {@link Schema#parse} numbers them. */
  private static Schema withNestedIds(List<Field> columns) {
    int[] next = {columns.size()};
    List<Field> out = new ArrayList<>(columns.size());
    for (Field c : columns) {
      out.add(c.withType(TypeUtil.assignFreshIds(c.type(), () -> ++next[0])));
    }
    return new Schema(out);
  }

  /**
   * The Snaplog type of a Spark type; nested fields get ids 1, 2, 3... here, which a schema or a schema change
   * replaces with ids of the table's own.
   */
  static Type fromSpark(String column, DataType t) {
    return fromSpark(column, t, new int[] {0});
  }

  private static Type fromSpark(String column, DataType t, int[] ids) {
    if (t instanceof StructType struct) {
      List<Field> fields = new ArrayList<>(struct.size());
      for (StructField f : struct.fields()) {
        fields.add(new Field(++ids[0], f.name(), fromSpark(column + "." + f.name(), f.dataType(), ids),
            !f.nullable()));
      }
      return Type.struct(fields);
    } else if (t instanceof ArrayType array) {
      int elementId = ++ids[0];
      return Type.list(elementId, fromSpark(column + ".element", array.elementType(), ids),
          !array.containsNull());
    } else if (t instanceof MapType map) {
      int keyId = ++ids[0];
      int valueId = ++ids[0];
      return Type.map(keyId, fromSpark(column + ".key", map.keyType(), ids), valueId,
          fromSpark(column + ".value", map.valueType(), ids), !map.valueContainsNull());
    } else if (t instanceof BooleanType) {
      return Type.BOOLEAN;
    } else if (t instanceof IntegerType) {
      return Type.INT;
    } else if (t instanceof LongType) {
      return Type.LONG;
    } else if (t instanceof FloatType) {
      return Type.FLOAT;
    } else if (t instanceof DoubleType) {
      return Type.DOUBLE;
    } else if (t instanceof DecimalType d) {
      return Type.decimal(d.precision(), d.scale());
    } else if (t instanceof CharType || t instanceof VarcharType) {
      return Type.STRING;
    } else if (t instanceof StringType s) {
      if (!s.isUTF8BinaryCollation()) {
        throw SparkErrors.collatedString(column, s.collationName());
      }
      return Type.STRING;
    } else if (t instanceof BinaryType) {
      return Type.BINARY;
    } else if (t instanceof DateType) {
      return Type.DATE;
    } else if (t instanceof TimeType time) {
      if (time.precision() > TIME_PRECISION) {
        throw SparkErrors.timeTooPrecise(column, time.precision());
      }
      return Type.TIME;
    } else if (t instanceof TimestampNTZType) {
      return Type.TIMESTAMP;
    } else if (t instanceof TimestampType) {
      return Type.TIMESTAMPTZ;
    }
    throw SparkErrors.unsupportedType(column, t);
  }
}
