package dev.snaplog.spark.internal;

import dev.snaplog.core.data.ColumnarFileReader;
import dev.snaplog.core.types.Type;
import dev.snaplog.core.types.TypeId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.Decimal;

/**
 * Decodes the values of one Parquet column a value at a time straight into a Spark column vector, in Spark's
 * internal form (as {@link SparkValues} gives it for a whole row): a value the file holds as a narrower type is
 * widened on the way (a decimal to more digits, a date to a timestamp at midnight), as Snaplog's row reader widens
 * it. Int, long, float and double columns (widened ones too), dates and timestamps are decoded a page at a time by
 * {@link BulkDecoder} instead, strings and binaries by {@link DictionaryVector}.
 */
abstract class ColumnDecoder {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Whether columns of {@code type} are read column by column; others are read a row at a time. */
  static boolean supports(Type type) {
    return switch (type.id()) {
      case BOOLEAN, INT, LONG, FLOAT, DOUBLE, DECIMAL, STRING, UUID, BINARY, DATE, TIMESTAMP, TIMESTAMPTZ -> true;
      case TIME, STRUCT, LIST, MAP -> false;
    };
  }

  /** The decoder of a column the file holds, whose type {@link #supports} accepts. */
  static ColumnDecoder of(ColumnarFileReader.Column column) {
    Type read = column.field().type();
    TypeId from = column.fileType().id();
    return switch (read.id()) {
      case BOOLEAN -> new PerValue() {
        @Override
        void put(ColumnReader r, WritableColumnVector v, int row) {
          v.putBoolean(row, r.getBoolean());
        }
      };
      case TIMESTAMP -> {
        if (from != TypeId.DATE) {
          throw new IllegalArgumentException(read + " columns read by a BulkDecoder");
        }
        yield new PerValue() { // a date column widened to a timestamp: midnight of the day
          @Override
          void put(ColumnReader r, WritableColumnVector v, int row) {
            v.putLong(row, r.getInteger() * MICROS_PER_DAY);
          }
        };
      }
      case UUID -> new PerValue() {
        @Override
        void put(ColumnReader r, WritableColumnVector v, int row) {
          ByteBuffer b = r.getBinary().toByteBuffer();
          byte[] text = new UUID(b.getLong(b.position()), b.getLong(b.position() + 8)).toString()
              .getBytes(StandardCharsets.US_ASCII);
          v.putByteArray(row, text, 0, text.length);
        }
      };
      case DECIMAL -> decimal(read, column);
      case INT, LONG, FLOAT, DOUBLE, DATE, TIMESTAMPTZ -> throw new IllegalArgumentException(read
          + " columns read by a BulkDecoder");
      case STRING, BINARY -> throw new IllegalArgumentException(read + " columns read into a DictionaryVector");
      case TIME, STRUCT, LIST, MAP -> throw new IllegalArgumentException("no column decoder for " + read);
    };
  }

  /**
   * Decodes {@code rows} rows from {@code r} into {@code v} from position {@code out} on, leaving out the rows
   * {@code drop} marks (it may be null: none); each row read is consumed.
   */
  abstract void decode(ColumnReader r, WritableColumnVector v, int out, int rows, boolean[] drop);

  /** A decoder that writes one value at a time through {@link #put}, for the types fewer columns have. */
  private abstract static class PerValue extends ColumnDecoder {
    @Override
    final void decode(ColumnReader r, WritableColumnVector v, int out, int rows, boolean[] drop) {
      int present = r.getDescriptor().getMaxDefinitionLevel();
      int at = out;
      for (int i = 0; i < rows; i++) {
        boolean isValue = r.getCurrentDefinitionLevel() == present;
        if (drop != null && drop[i]) {
          if (isValue) {
            r.skip();
          }
        } else {
          if (isValue) {
            put(r, v, at);
          } else {
            v.putNull(at);
          }
          at++;
        }
        r.consume();
      }
    }

    /** Writes the reader's current value at {@code row}. */
    abstract void put(ColumnReader r, WritableColumnVector v, int row);
  }

  static void putBytes(WritableColumnVector v, int row, Binary b) {
    ByteBuffer bb = b.toByteBuffer();
    if (bb.hasArray()) {
      v.putByteArray(row, bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
    } else {
      byte[] copy = b.getBytes();
      v.putByteArray(row, copy, 0, copy.length);
    }
  }

  /**
   * Decimals as Spark's vectors store them: the unscaled value as an int up to 9 digits, a long up to 18, big-endian
   * two's complement bytes beyond; the file holds it as an int, a long or such bytes (by its own precision).
   */
  private static ColumnDecoder decimal(Type read, ColumnarFileReader.Column column) {
    int precision = read.precision();
    PhysicalKind stored = PhysicalKind.of(column);
    if (precision <= Decimal.MAX_INT_DIGITS()) {
      return new PerValue() {
        @Override
        void put(ColumnReader r, WritableColumnVector v, int row) {
          v.putInt(row, (int) stored.unscaledLong(r));
        }
      };
    }
    if (precision <= Decimal.MAX_LONG_DIGITS()) {
      return new PerValue() {
        @Override
        void put(ColumnReader r, WritableColumnVector v, int row) {
          v.putLong(row, stored.unscaledLong(r));
        }
      };
    }
    return new PerValue() {
      @Override
      void put(ColumnReader r, WritableColumnVector v, int row) {
        if (stored == PhysicalKind.BYTES) {
          putBytes(v, row, r.getBinary());
        } else {
          byte[] b = BigInteger.valueOf(stored.unscaledLong(r)).toByteArray();
          v.putByteArray(row, b, 0, b.length);
        }
      }
    };
  }

  /** How a file stores a decimal's unscaled value. */
  private enum PhysicalKind {
    INT, LONG, BYTES;

    static PhysicalKind of(ColumnarFileReader.Column column) {
      return switch (column.descriptor().getPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> INT;
        case INT64 -> LONG;
        default -> BYTES;
      };
    }

    /** The current value's unscaled value, which fits a long (the read precision is at most 18 digits). */
    long unscaledLong(ColumnReader r) {
      return switch (this) {
        case INT -> r.getInteger();
        case LONG -> r.getLong();
        case BYTES -> new BigInteger(r.getBinary().getBytes()).longValueExact();
      };
    }
  }
}
