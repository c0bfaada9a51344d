package dev.snaplog.core.data;

import dev.snaplog.core.Field;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.CorruptTableException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.types.Promotions;
import dev.snaplog.core.types.Type;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;

/**
 * One data file read column by column, one row group at a time, for engines that decode values straight into
 * column vectors of their own. Made by {@link ParquetFormat#readColumns}. Top-level primitive columns only.
 *
 * <p>Each {@link Column} says how the file holds a projected column: the Parquet column to read, with values
 * of the type the file was written with ({@link Column#fileType()}, to be widened to the field's type as
 * {@link dev.snaplog.core.types.Promotions} does), or no column at all (the field was added after the file was
 * written: every row reads {@link Column#defaultValue()}, which may be null). Values come from a Parquet
 * {@link ColumnReader} as {@link ParquetValues#read} takes them: Boolean, int, long, float, double or
 * {@link Binary}, decoded the same way. An int, long, float or double column can instead be decoded a page at a
 * time into primitive arrays ({@link #bulkReader(int)}, {@link BulkColumnReader}), for callers that look at every
 * value; each column of a row group is read one way or the other.
 *
 * <p>Not thread-safe. The file is opened at construction and closed by {@link #close()}.
 */
public final class ColumnarFileReader implements Closeable {
  /**
   * A projected column.
   *
   * @param field the column as read
   * @param fileType the type the file holds its values as; null when the file lacks the column
   * @param descriptor the Parquet column; null when the file lacks the column
   * @param defaultValue the canonical value every row reads when the file lacks the column (may be null)
   */
  public record Column(Field field, Type fileType, ColumnDescriptor descriptor, Object defaultValue) {
    public boolean inFile() {
      return descriptor != null;
    }
  }


  private final InputFile in;
  private final Expression filter;
  private final boolean filtering;
  private final Set<Integer> filterIds;
  private final ReadMetrics metrics;
  private final ParquetFileReader reader;
  private final ReadPlan plan;
  private final MessageType requested;
  private final GroupConverter converters;
  private final List<Column> columns;
  private final List<BlockMetaData> blocks;
  private final String createdBy;
  private int nextBlock;
  private long nextStart;
  private long rowGroupStart;
  private long rowGroupRows;
  private PageReadStore pages;
  private ColumnReadStoreImpl store;
  private final Taken[] taken;
  private boolean closed;

  /** How a column of the current row group is being read: its pages can be read only once. */
  private enum Taken { NOT_YET, BY_VALUE, IN_BULK }

  ColumnarFileReader(InputFile in, Schema projection, Schema readSchema, Expression filter, Set<Integer> filterIds,
      ReadMetrics metrics) {
    this.in = in;
    this.filter = filter;
    this.filtering = !(filter instanceof Expression.True);
    this.filterIds = filterIds;
    this.metrics = metrics;
    try {
      this.reader = ParquetFiles.open(in);
    } catch (IOException e) {
      throw new StorageException("read", in.location(), e);
    }
    try {
      this.plan = ReadPlan.of(reader.getFileMetaData().getSchema(), readSchema, in.location());
      List<Column> cols = new ArrayList<>(Collections.nCopies(projection.size(), null));
      List<org.apache.parquet.schema.Type> wanted = new ArrayList<>();
      for (ReadPlan.Node n : plan.columns) {
        if (n.index < projection.size()) {
          wanted.add(n.requested);
        }
      }
      // only the projection's chunks are read: columns only the filter needs serve its row-group stats alone
      this.requested = new MessageType(plan.requested.getName(), wanted);
      for (ReadPlan.Node n : plan.columns) {
        if (n.index < projection.size()) {
          cols.set(n.index, new Column(n.field, n.fileType,
              requested.getColumnDescription(new String[] {n.requested.getName()}), null));
        }
      }
      for (int pos = 0; pos < projection.size(); pos++) {
        if (cols.get(pos) == null) {
          cols.set(pos, new Column(projection.fields().get(pos), null, null, plan.defaults[pos]));
        }
      }
      this.columns = List.copyOf(cols);
      this.taken = new Taken[cols.size()];
      reader.setRequestedSchema(requested);
      // column readers are read through their getters, not converters
      this.converters = handingTo(RowMaterializer.DISCARD);
      this.blocks = reader.getRowGroups();
      this.createdBy = reader.getFileMetaData().getCreatedBy();
    } catch (RuntimeException e) {
      closeQuietly();
      throw e;
    }
  }

  /** The projected columns, in projection order. */
  public List<Column> columns() {
    return columns;
  }

  /**
   * Moves to the next row group the filter's stats do not rule out and that has rows.
   *
   * @return false when there is none left (the file is then closed)
   * @throws StorageException if the file cannot be read
   * @throws CorruptTableException if its pages cannot be decoded
   */
  public boolean nextRowGroup() {
    try {
      releasePages();
      while (nextBlock < blocks.size()) {
        BlockMetaData block = blocks.get(nextBlock++);
        long start = nextStart;
        nextStart += block.getRowCount();
        if (filtering && !Evaluators.mightMatch(filter, block.getRowCount(),
            RowGroupStats.of(block, plan, filterIds))) {
          reader.skipNextRowGroup();
          metrics.rowGroupSkipped();
          continue;
        }
        if (requested.getFieldCount() == 0 || block.getRowCount() == 0) {
          // nothing to decode; readNextRowGroup would step over an empty group, out of step with this loop
          reader.skipNextRowGroup();
        } else {
          pages = reader.readNextRowGroup();
          store = new ColumnReadStoreImpl(pages, converters, requested, createdBy);
        }
        metrics.rowGroupRead(block.getRowCount());
        if (block.getRowCount() > 0) {
          rowGroupStart = start;
          rowGroupRows = block.getRowCount();
          return true;
        }
      }
      close();
      return false;
    } catch (IOException e) {
      closeQuietly();
      throw new StorageException("read", in.location(), e);
    } catch (ParquetDecodingException e) {
      closeQuietly();
      throw corrupt(e);
    }
  }

  /** The position in the file of the current row group's first row. */
  public long rowGroupStart() {
    return rowGroupStart;
  }

  /** The rows of the current row group. */
  public long rowGroupRows() {
    return rowGroupRows;
  }

  /**
   * A reader of the current row group's values of projected column {@code pos}, which the file holds, positioned
   * on its first row. Read it one row at a time: the definition level tells a null (below the maximum) from a
   * value; call {@link ColumnReader#consume()} to move to the next row, after reading the value or
   * {@link ColumnReader#skip() skipping} it (a value neither read nor skipped would be read as the next row's).
   *
   * @throws IllegalStateException if the file lacks the column, there is no current row group, or the column
   *     is read in bulk in this row group ({@link #bulkReader})
   */
  public ColumnReader reader(int pos) {
    return store.getColumnReader(takeByValue(pos).descriptor());
  }

  /**
   * As {@link #reader(int)}, for a reader whose {@link ColumnReader#writeCurrentValueToConverter()} hands the value
   * to {@code converter}: as a dictionary id when the page is dictionary-encoded and the converter
   * {@linkplain PrimitiveConverter#hasDictionarySupport() takes ids}, so a caller can decode each dictionary entry
   * once per chunk rather than once per row. Only one of the two readers can be taken for a column.
   */
  ColumnReader reader(int pos, PrimitiveConverter converter) {
    Column c = takeByValue(pos);
    return perValueReader(c.descriptor(), pages.getPageReader(c.descriptor()), converter);
  }

  private Column takeByValue(int pos) {
    Column c = columns.get(pos);
    checkReadable(c);
    if (taken[pos] == Taken.IN_BULK) {
      throw new IllegalStateException("Column '" + c.field().name() + "' of " + in.location()
          + " is read in bulk in this row group");
    }
    taken[pos] = Taken.BY_VALUE;
    return c;
  }

  /**
   * A reader that decodes the current row group's values of projected column {@code pos} a page at a time into
   * primitive arrays: plain and dictionary-encoded pages in bulk, pages of other encodings value by value with
   * the same result. For an int, long, float or double column ({@link BulkColumnReader#supports}); a column is
   * read either this way or with {@link #reader(int)} in one row group, not both.
   *
   * @throws IllegalArgumentException if the column is not of a type read in bulk
   * @throws IllegalStateException if the file lacks the column, there is no current row group, or the column's
   *     reader was already taken in this row group
   * @throws CorruptTableException if the chunk's dictionary cannot be read
   */
  public BulkColumnReader bulkReader(int pos) {
    Column c = columns.get(pos);
    checkReadable(c);
    if (!BulkColumnReader.supports(c)) {
      throw new IllegalArgumentException("Column '" + c.field().name() + "' of type " + c.field().type()
          + " (held as " + c.fileType() + ") is not read in bulk; read it with reader(int)");
    }
    if (taken[pos] != Taken.NOT_YET) {
      throw new IllegalStateException("Column '" + c.field().name() + "' of " + in.location()
          + " is already being read in this row group");
    }
    taken[pos] = Taken.IN_BULK;
    return new BulkColumnReader(this, c, pages.getPageReader(c.descriptor()), rowGroupRows);
  }

  private void checkReadable(Column c) {
    if (!c.inFile() || store == null) {
      throw new IllegalStateException("No values of column '" + c.field().name() + "' to read in "
          + in.location());
    }
  }

  /** Parquet's column reader over {@code pages}: the one way this file's values are read one at a time. */
  ColumnReader perValueReader(ColumnDescriptor descriptor, PageReader pages) {
    return perValueReader(descriptor, pages, RowMaterializer.DISCARD);
  }

  private ColumnReader perValueReader(ColumnDescriptor descriptor, PageReader pages, PrimitiveConverter converter) {
    PageReadStore one = new PageReadStore() {
      @Override
      public PageReader getPageReader(ColumnDescriptor d) {
        return pages;
      }

      @Override
      public long getRowCount() {
        return pages.getTotalValueCount();
      }
    };
    return new ColumnReadStoreImpl(one, handingTo(converter), requested, createdBy).getColumnReader(descriptor);
  }

  /** A record converter that hands every top-level column's values to {@code converter}. */
  private static GroupConverter handingTo(PrimitiveConverter converter) {
    return new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return converter;
      }

      @Override
      public void start() {}

      @Override
      public void end() {}
    };
  }

  /**
   * The value {@code r}, a reader of column {@code c}, is on (a value, not a null: its definition level is the
   * maximum), as the canonical Java value of the column's type in the projection: decoded as the file wrote it and
   * widened as {@link dev.snaplog.core.types.Promotions} widens. Reads the value; the caller still consumes the
   * row. For callers that look at values one at a time; engines that fill vectors decode the primitives
   * themselves.
   */
  public static Object value(Column c, ColumnReader r) {
    Object raw = switch (c.descriptor().getPrimitiveType().getPrimitiveTypeName()) {
      case BOOLEAN -> r.getBoolean();
      case INT32 -> r.getInteger();
      case INT64 -> r.getLong();
      case FLOAT -> r.getFloat();
      case DOUBLE -> r.getDouble();
      case BINARY, FIXED_LEN_BYTE_ARRAY -> r.getBinary();
      case INT96 -> throw new IllegalArgumentException("INT96 column '" + c.field().name() + "' is not read");
    };
    return Promotions.promote(c.fileType(), c.field().type(), ParquetValues.read(c.fileType(), raw));
  }

  /** The exception to raise when values of this file cannot be decoded. */
  public CorruptTableException corrupt(RuntimeException cause) {
    return new CorruptTableException("Data file " + in.location() + " cannot be decoded: " + cause.getMessage(),
        null, null, cause);
  }

  private void releasePages() {
    store = null;
    if (taken != null) {
      Arrays.fill(taken, Taken.NOT_YET);
    }
    if (pages != null) {
      pages.close();
      pages = null;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // already failing; the first error is the one to report
    }
  }

  @Override
  public void close() {
    releasePages();
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } catch (IOException e) {
      // read-only stream; nothing was left half-done
    }
  }
}
