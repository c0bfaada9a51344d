package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Maps Snaplog columns to Parquet columns. Every Parquet field carries the Snaplog field id, so readers match
 * columns by id and a renamed column still finds its data.
 *
 * <p>Decimals use the smallest physical type that holds their precision (INT32 up to 9 digits, INT64 up to
 * 18, FIXED_LEN_BYTE_ARRAY beyond), as the Parquet spec recommends and Iceberg and Spark write them: smaller
 * pages, cheaper encoding, and other engines read them natively. INT32/INT64 statistics order as signed
 * integers, which is decimal order for a fixed scale.
 */
final class ParquetTypes {
  static final String MESSAGE_NAME = "snaplog";

  private ParquetTypes() {}

  static MessageType messageType(Schema schema) {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (Field f : schema.fields()) {
      builder.addField(primitive(f));
    }
    return builder.named(MESSAGE_NAME);
  }

  /** The Parquet column Snaplog writes for {@code field}. */
  static PrimitiveType primitive(Field field) {
    org.apache.parquet.schema.Type.Repetition rep = field.required()
        ? org.apache.parquet.schema.Type.Repetition.REQUIRED
        : org.apache.parquet.schema.Type.Repetition.OPTIONAL;
    Type t = field.type();
    Types.PrimitiveBuilder<PrimitiveType> b;
    switch (t.id()) {
      case BOOLEAN:
        b = Types.primitive(PrimitiveTypeName.BOOLEAN, rep);
        break;
      case INT:
        b = Types.primitive(PrimitiveTypeName.INT32, rep);
        break;
      case LONG:
        b = Types.primitive(PrimitiveTypeName.INT64, rep);
        break;
      case FLOAT:
        b = Types.primitive(PrimitiveTypeName.FLOAT, rep);
        break;
      case DOUBLE:
        b = Types.primitive(PrimitiveTypeName.DOUBLE, rep);
        break;
      case DECIMAL:
        b = decimal(t, rep);
        break;
      case STRING:
        b = Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType());
        break;
      case BINARY:
        b = Types.primitive(PrimitiveTypeName.BINARY, rep);
        break;
      case DATE:
        b = Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType());
        break;
      case TIME:
        b = Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS));
        break;
      case TIMESTAMP:
        b = Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS));
        break;
      case TIMESTAMPTZ:
        b = Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
        break;
      case UUID:
        b = Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(16)
            .as(LogicalTypeAnnotation.uuidType());
        break;
      default:
        throw new IllegalArgumentException("no Parquet mapping for " + t);
    }
    return b.id(field.id()).named(field.name());
  }

  private static Types.PrimitiveBuilder<PrimitiveType> decimal(Type t,
      org.apache.parquet.schema.Type.Repetition rep) {
    LogicalTypeAnnotation ann = LogicalTypeAnnotation.decimalType(t.scale(), t.precision());
    PrimitiveTypeName physical = decimalPhysicalType(t);
    Types.PrimitiveBuilder<PrimitiveType> b = Types.primitive(physical, rep);
    if (physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY) {
      b = b.length(decimalBytes(t.precision()));
    }
    return b.as(ann);
  }

  static PrimitiveTypeName decimalPhysicalType(Type t) {
    if (t.precision() <= 9) {
      return PrimitiveTypeName.INT32;
    }
    return t.precision() <= 18 ? PrimitiveTypeName.INT64 : PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
  }

  /** The fewest bytes whose two's complement range holds every unscaled value of {@code precision} digits. */
  static int decimalBytes(int precision) {
    java.math.BigInteger largest = java.math.BigInteger.TEN.pow(precision).subtract(java.math.BigInteger.ONE);
    // bitLength excludes the sign bit
    return (largest.bitLength() + 1 + 7) / 8;
  }

  /**
   * True when a column of the file can be read as {@code field}: same physical type, length and logical
   * type. Repetition may differ (a required column read as optional is fine).
   */
  static boolean readableAs(PrimitiveType fileColumn, Field field) {
    PrimitiveType expected = primitive(field);
    return fileColumn.getPrimitiveTypeName() == expected.getPrimitiveTypeName()
        && fileColumn.getTypeLength() == expected.getTypeLength()
        && java.util.Objects.equals(fileColumn.getLogicalTypeAnnotation(), expected.getLogicalTypeAnnotation());
  }
}
