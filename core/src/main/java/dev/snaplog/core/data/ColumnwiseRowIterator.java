package dev.snaplog.core.data;

import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.types.Type;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The rows of a data file whose read columns are all top-level primitives, assembled column by column instead of
 * through Parquet's record reader: number, date, time and timestamp columns decoded a page at a time into arrays
 * ({@link BulkColumnReader}), every other column value by value with each dictionary entry decoded once per
 * chunk. Row groups are chosen by {@link ColumnarFileReader}, by the filter's stats; a deleted row's values are
 * stepped over without being turned into objects. The rows are those the record reader would build, equal value
 * for value.
 */
final class ColumnwiseRowIterator extends FileRowIterator {
  private final InputFile in;
  private final Schema readSchema;
  private final Expression filter;
  private final Set<Integer> filterIds;
  private final LongPredicate deleted;
  private final ReadMetrics metrics;
  /** The row to hand out for a live row's values, or null when the filter rejects it. */
  private final Function<Object[], Record> row;
  private ColumnarFileReader file;
  private Cursor[] cursors;
  /** Position in the file of the next row to read, and of the first row after the current row group. */
  private long position;
  private long end;

  ColumnwiseRowIterator(InputFile in, Schema readSchema, Expression filter, Set<Integer> filterIds,
      LongPredicate deleted, ReadMetrics metrics, Function<Object[], Record> row) {
    super(in);
    this.in = in;
    this.readSchema = readSchema;
    this.filter = filter;
    this.filterIds = filterIds;
    this.deleted = deleted;
    this.metrics = metrics;
    this.row = row;
  }

  @Override
  void advance() {
    if (file == null) {
      file = new ColumnarFileReader(in, readSchema, readSchema, filter, filterIds, metrics);
    }
    if (position == end) {
      if (!file.nextRowGroup()) {
        closeQuietly();
        return;
      }
      position = file.rowGroupStart();
      end = position + file.rowGroupRows();
      cursors = cursors(file);
      return;
    }
    try {
      if (deleted.test(position++)) {
        for (Cursor c : cursors) {
          c.skip();
        }
        return;
      }
      Object[] values = new Object[cursors.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = cursors[i].next();
      }
      next = row.apply(values);
    } catch (ParquetDecodingException e) {
      throw file.corrupt(e);
    }
  }

  private static Cursor[] cursors(ColumnarFileReader file) {
    List<ColumnarFileReader.Column> columns = file.columns();
    Cursor[] out = new Cursor[columns.size()];
    for (int pos = 0; pos < out.length; pos++) {
      ColumnarFileReader.Column c = columns.get(pos);
      if (!c.inFile()) {
        out[pos] = new Constant(c.defaultValue());
      } else if (BulkColumnReader.supports(c)) {
        out[pos] = new Paged(file.bulkReader(pos), c.field().type());
      } else {
        out[pos] = new OneByOne(file, pos, c);
      }
    }
    return out;
  }

  @Override
  void closeQuietly() {
    done = true;
    cursors = null;
    if (file != null) {
      file.close();
    }
  }

  /** One column of the current row group, read row after row. */
  private interface Cursor {
    /** The next row's value (null for a null). */
    Object next();

    /** Moves past the next row's value without building it. */
    void skip();
  }

  /** A column the file lacks: every row reads its default. */
  private record Constant(Object value) implements Cursor {
    @Override
    public Object next() {
      return value;
    }

    @Override
    public void skip() {}
  }

  /** A column of numbers, dates, times or timestamps, decoded a page at a time. */
  private static final class Paged implements Cursor {
    private final BulkColumnReader pages;
    private final BulkColumnReader.Kind kind;
    /** The type of a column whose numbers stand for another value (a date's days); null for plain numbers. */
    private final Type convertTo;
    private int index;
    private int rows;

    Paged(BulkColumnReader pages, Type type) {
      this.pages = pages;
      this.kind = pages.kind();
      boolean number = switch (type.id()) {
        case INT, LONG, FLOAT, DOUBLE -> true;
        default -> false;
      };
      this.convertTo = number ? null : type;
    }

    @Override
    public Object next() {
      int i = nextIndex();
      if (pages.isNull(i)) {
        return null;
      }
      Object number = switch (kind) {
        case INT -> pages.ints()[i];
        case LONG -> pages.longs()[i];
        case FLOAT -> pages.floats()[i];
        case DOUBLE -> pages.doubles()[i];
      };
      return convertTo == null ? number : ParquetValues.read(convertTo, number);
    }

    @Override
    public void skip() {
      nextIndex();
    }

    private int nextIndex() {
      while (index == rows) {
        if (!pages.nextPage()) {
          throw new ParquetDecodingException("a column has fewer values than its row group has rows");
        }
        index = 0;
        rows = pages.rows();
      }
      return index++;
    }
  }

  /** Any other column, through Parquet's column reader; a dictionary's entries are decoded once. */
  private static final class OneByOne implements Cursor {
    private final ColumnReader reader;
    private final int maxDefinition;
    private Object value;

    OneByOne(ColumnarFileReader file, int pos, ColumnarFileReader.Column c) {
      this.reader = file.reader(pos, RowMaterializer.column(c.fileType(), c.field().type(),
          c.descriptor().getPrimitiveType().getPrimitiveTypeName(), v -> value = v));
      this.maxDefinition = c.descriptor().getMaxDefinitionLevel();
    }

    @Override
    public Object next() {
      Object v = null;
      if (reader.getCurrentDefinitionLevel() == maxDefinition) {
        reader.writeCurrentValueToConverter();
        v = value;
      }
      reader.consume();
      return v;
    }

    @Override
    public void skip() {
      if (reader.getCurrentDefinitionLevel() == maxDefinition) {
        reader.skip();
      }
      reader.consume();
    }
  }
}
