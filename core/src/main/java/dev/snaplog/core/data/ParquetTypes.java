package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.types.Type;
import org.apache.parquet.schema.GroupType;
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
      builder.addField(column(f));
    }
    return builder.named(MESSAGE_NAME);
  }

  /**
   * The Parquet field Snaplog writes for {@code field}: a primitive, a group for a struct, and the standard
   * three-level LIST ({@code list.element}) and MAP ({@code key_value.key}, {@code key_value.value}) groups,
   * which other engines read as lists and maps. Every level that is a Snaplog field carries its id.
   */
  static org.apache.parquet.schema.Type column(Field field) {
    org.apache.parquet.schema.Type.Repetition rep = field.required()
        ? org.apache.parquet.schema.Type.Repetition.REQUIRED
        : org.apache.parquet.schema.Type.Repetition.OPTIONAL;
    Type t = field.type();
    switch (t.id()) {
      case STRUCT: {
        Types.GroupBuilder<GroupType> g = Types.buildGroup(rep);
        for (Field c : t.fields()) {
          g.addField(column(c));
        }
        return g.id(field.id()).named(field.name());
      }
      case LIST:
        return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
            .addField(Types.repeatedGroup().addField(column(t.elementField())).named(LIST_REPEATED))
            .id(field.id()).named(field.name());
      case MAP:
        return Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType())
            .addField(Types.repeatedGroup().addField(column(t.keyField())).addField(column(t.valueField()))
                .named(MAP_REPEATED))
            .id(field.id()).named(field.name());
      default:
        return primitive(field);
    }
  }

  static final String LIST_REPEATED = "list";
  static final String MAP_REPEATED = "key_value";

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
    return fileType(fileColumn, field).isPresent();
  }

  /**
   * The Snaplog type a file column was written as, if values of it can be read as {@code field}: the field's
   * own type, or a type the field's type widens (int to long, float to double, decimal to one of more
   * digits and the same scale, date to timestamp), for files written before the column was widened.
   */
  static java.util.Optional<Type> fileType(PrimitiveType fileColumn, Field field) {
    if (matches(fileColumn, field.type())) {
      return java.util.Optional.of(field.type());
    }
    for (Type narrower : dev.snaplog.core.types.Promotions.narrowerThan(field.type())) {
      if (matches(fileColumn, narrower)) {
        return java.util.Optional.of(narrower);
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean matches(PrimitiveType fileColumn, Type type) {
    PrimitiveType expected = primitive(new Field(1, "c", type, false));
    return fileColumn.getPrimitiveTypeName() == expected.getPrimitiveTypeName()
        && fileColumn.getTypeLength() == expected.getTypeLength()
        && java.util.Objects.equals(fileColumn.getLogicalTypeAnnotation(), expected.getLogicalTypeAnnotation());
  }
}
