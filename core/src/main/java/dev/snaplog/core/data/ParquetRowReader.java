package dev.snaplog.core.data;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.GenericRecord;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.expressions.Evaluators;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.io.InputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter.RecordFilter;
import org.apache.parquet.filter.UnboundRecordFilter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;

/**
 * The rows of one data file, read lazily one row group at a time. Each {@link #iterator()} opens the file
 * anew and closes it when exhausted; {@link #close()} closes whatever is still open.
 */
final class ParquetRowReader implements CloseableIterable<Record> {
  private final InputFile in;
  private final Schema projection;
  private final Schema readSchema;
  /** For output positions read wider than projected (a filter needed more of a struct): the projected type. */
  private final dev.snaplog.core.types.Type[] narrowTo;
  private final Expression filter;
  private final boolean filtering;
  private final Set<Integer> filterIds;
  /** Positions of deleted rows (a deletion vector), asked in ascending order; such rows are never built. */
  private final LongPredicate deleted;
  private final ReadMetrics metrics;
  /** Whether every read column is a top-level primitive: then the file is read column by column. */
  private final boolean flat;
  private final List<FileRowIterator> open = new ArrayList<>();
  private boolean closed;

  /**
   * @param readSchema the projection's columns first, then the columns only the filter needs
   */
  ParquetRowReader(InputFile in, Schema projection, Schema readSchema, dev.snaplog.core.types.Type[] narrowTo,
      Expression filter, Set<Integer> filterIds, LongPredicate deleted, ReadMetrics metrics) {
    this.narrowTo = narrowTo;
    this.in = in;
    this.projection = projection;
    this.readSchema = readSchema;
    this.filter = filter;
    this.filtering = !(filter instanceof Expression.True);
    this.filterIds = filterIds;
    this.deleted = deleted;
    this.metrics = metrics;
    this.flat = readSchema.fields().stream().allMatch(f -> f.type().isPrimitive());
  }

  @Override
  public synchronized Iterator<Record> iterator() {
    if (closed) {
      throw new IllegalStateException("Reader of " + in.location() + " is closed");
    }
    FileRowIterator it = flat ? new ColumnwiseRowIterator(in, readSchema, filter, filterIds, deleted,
        metrics, this::row) : new RowIterator();
    open.add(it);
    return it;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (FileRowIterator it : open) {
      it.closeQuietly();
    }
    open.clear();
  }


  /**
   * The row to hand out for the values read of one live row, or null if the filter rejects it: the projection's
   * values, in projection order.
   */
  private Record row(Object[] values) {
    if (filtering && !Evaluators.matches(filter, GenericRecord.wrap(readSchema, values))) {
      return null;
    }
    if (values.length != projection.size()) {
      values = Arrays.copyOf(values, projection.size());
    }
    for (int i = 0; i < narrowTo.length; i++) {
      if (narrowTo[i] != null) {
        values[i] = StructProjection.project(values[i], narrowTo[i]);
      }
    }
    metrics.rowReturned();
    return GenericRecord.wrap(projection, values);
  }

  /** Rows assembled by Parquet's record reader: any schema, nested columns included. */
  private final class RowIterator extends FileRowIterator {
    private ParquetFileReader reader;
    private ReadPlan plan;
    private MessageColumnIO columnIO;
    private RowMaterializer materializer;
    private List<BlockMetaData> blocks;
    private int nextBlock;
    private PageReadStore pages;
    private RecordReader<Object[]> rows;
    private long rowsLeft;
    /** Position in the file of the next row to read. */
    private long position;

    RowIterator() {
      super(in);
    }

    @Override
    void advance() throws IOException {
      if (reader == null) {
        openFile();
      }
      if (rowsLeft == 0) {
        nextRowGroup();
        return;
      }
      Object[] values;
      if (rows == null) {
        rowsLeft--;
        if (deleted.test(position++)) {
          return;
        }
        values = plan.defaults.clone();
      } else {
        values = rows.read(); // the next live row: deleted ones are stepped over without being built
        if (values == null) { // the row group is used up
          position += rowsLeft;
          rowsLeft = 0;
          return;
        }
      }
      next = row(values);
    }

    private void openFile() throws IOException {
      reader = ParquetFiles.open(in);
      plan = ReadPlan.of(reader.getFileMetaData().getSchema(), readSchema, in.location());
      reader.setRequestedSchema(plan.requested);
      columnIO = new ColumnIOFactory().getColumnIO(plan.requested, reader.getFileMetaData().getSchema());
      materializer = new RowMaterializer(readSchema.size(), plan);
      blocks = reader.getRowGroups();
    }

    private void nextRowGroup() throws IOException {
      releasePages();
      while (nextBlock < blocks.size()) {
        BlockMetaData block = blocks.get(nextBlock++);
        if (filtering && !Evaluators.mightMatch(filter, block.getRowCount(),
            RowGroupStats.of(block, plan, filterIds))) {
          reader.skipNextRowGroup();
          metrics.rowGroupSkipped();
          position += block.getRowCount();
          continue;
        }
        if (plan.requested.getFieldCount() == 0 || block.getRowCount() == 0) {
          // nothing to decode: either no wanted column is in this file (every row is all nulls), or the
          // group is empty, which readNextRowGroup would step over, putting it out of step with this loop
          reader.skipNextRowGroup();
          rows = null;
        } else {
          pages = reader.readNextRowGroup();
          rows = columnIO.getRecordReader(pages, materializer, FilterCompat.get(liveRows(position)));
        }
        rowsLeft = block.getRowCount();
        metrics.rowGroupRead(rowsLeft);
        if (rowsLeft > 0) {
          return;
        }
      }
      done = true;
      closeQuietly();
    }

    /**
     * The rows of the row group starting at file position {@code first} that no deletion vector removed. Parquet
     * asks once per row, in order, and steps over a refused row's values without handing them to the
     * materializer: a deleted row costs its decoding, not a record.
     */
    private UnboundRecordFilter liveRows(long first) {
      return columns -> new RecordFilter() {
        private long next = first;

        @Override
        public boolean isMatch() {
          return !deleted.test(next++);
        }
      };
    }

    private void releasePages() {
      if (pages != null) {
        pages.close();
        pages = null;
      }
      rows = null;
    }

    @Override
    void closeQuietly() {
      done = true;
      releasePages();
      if (reader != null) {
        try {
          reader.close();
        } catch (IOException e) {
          // read-only stream; nothing was left half-done
        }
        reader = null;
      }
    }
  }

}
