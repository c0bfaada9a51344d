package dev.snaplog.core.data;

import dev.snaplog.core.CloseableIterable;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.Field;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.exceptions.ValidationException;
import dev.snaplog.core.expressions.Expression;
import dev.snaplog.core.expressions.Expressions;
import dev.snaplog.core.io.InputFile;
import dev.snaplog.core.io.OutputFile;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.LongPredicate;
import java.util.Set;

/**
 * Entry points for reading and writing Parquet data files through the storage SPI.
 *
 * <p>Files carry the Snaplog field id on every column, and readers match columns by id. Both directions run
 * on Parquet's {@code ParquetConfiguration} paths, so no Hadoop configuration is created. ZSTD runs through
 * zstd-jni's native library where it loads and through a pure-Java port elsewhere (files read alike either
 * way); Snappy is pure Java.
 *
 * <p>A file's stats come from the column statistics Parquet keeps while encoding, merged over its row groups,
 * except for floats, doubles and fields inside lists or maps, which are collected row by row (see
 * {@code FooterStats}). Rows built by {@link dev.snaplog.core.GenericRecord#of} were coerced when built, so
 * the writer checks only their required fields, not every value again. Rows without nested columns are
 * written straight into Parquet's column writers ({@code FlatColumnWriter}), with the same bytes as a
 * write through Parquet's record consumer.
 */
public final class ParquetFormat {
  private ParquetFormat() {}

  /**
   * A writer of one Parquet file at {@code out} holding rows of {@code schema}, with {@link
   * WriteOptions#defaults()}.
   *
   * @param tableName named in validation errors
   */
  public static DataWriter newWriter(OutputFile out, Schema schema, String tableName) {
    return newWriter(out, schema, tableName, WriteOptions.defaults());
  }

  /**
   * A writer of one Parquet file at {@code out} holding rows of {@code schema}. The file is streamed to the
   * store as row groups fill; it becomes visible only on {@link DataWriter#complete()}.
   *
   * @param tableName named in validation errors
   * @throws dev.snaplog.core.exceptions.StorageException if the file cannot be created
   */
  public static DataWriter newWriter(OutputFile out, Schema schema, String tableName, WriteOptions options) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    return ParquetDataWriter.open(out, schema, tableName, options);
  }

  /**
   * Reads the rows of a data file that pass {@code boundFilter}, projected to {@code projection}.
   * Row groups whose stats rule out the filter are skipped without reading their pages.
   *
   * @param tableSchema the schema to read the file under: the one it was written with or any later one
   *     (columns are matched to the file by field id; columns added since read as their default or null,
   *     widened ones are widened)
   * @param projection the columns to return, a subset of {@code tableSchema} (structs may be cut down to
   *     some of their fields, as {@link Schema#select} does)
   * @param boundFilter a filter bound to {@code tableSchema}; {@code alwaysTrue()} for none
   */
  public static CloseableIterable<Record> read(InputFile in, Schema tableSchema, Schema projection,
      Expression boundFilter) {
    return read(in, tableSchema, projection, boundFilter, new ReadMetrics());
  }

  /**
   * As {@link #read(InputFile, Schema, Schema, Expression)}, counting row groups read and skipped into
   * {@code metrics}. Nothing is read until the result is iterated; each iterator reads the file once, one row
   * group at a time, and closes it when exhausted.
   *
   * @throws ValidationException if the projection has a column the table schema lacks or types differ
   * @throws IllegalArgumentException if the filter is not bound
   */
  public static CloseableIterable<Record> read(InputFile in, Schema tableSchema, Schema projection,
      Expression boundFilter, ReadMetrics metrics) {
    return read(in, tableSchema, projection, boundFilter, position -> false, metrics);
  }

  /**
   * As {@link #read(InputFile, Schema, Schema, Expression, ReadMetrics)}, skipping the rows whose position
   * in the file (0-based, in file order) {@code deleted} accepts: the rows a deletion vector removed.
   */
  public static CloseableIterable<Record> read(InputFile in, Schema tableSchema, Schema projection,
      Expression boundFilter, LongPredicate deleted, ReadMetrics metrics) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(deleted, "deleted");
    Objects.requireNonNull(metrics, "metrics");
    ReadRequest r = ReadRequest.of(tableSchema, projection, boundFilter);
    return new ParquetRowReader(in, projection, r.readSchema, r.narrowTo, r.filter, r.filterIds, deleted, metrics);
  }

  /**
   * Opens a data file to be read column by column, one row group at a time, for engines that decode values
   * into column vectors of their own. Columns are matched to the file and row groups are skipped by the
   * filter's stats exactly as {@link #read(InputFile, Schema, Schema, Expression, LongPredicate, ReadMetrics)}
   * does; rows are not filtered (the caller evaluates the filter, if it needs rows filtered).
   *
   * @param projection top-level primitive columns of {@code tableSchema}
   * @throws ValidationException if the projection has a column the table schema lacks or types differ
   * @throws IllegalArgumentException if a projected column is not primitive, or the filter is not bound
   */
  public static ColumnarFileReader readColumns(InputFile in, Schema tableSchema, Schema projection,
      Expression boundFilter, ReadMetrics metrics) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(metrics, "metrics");
    for (Field f : projection.fields()) {
      if (!f.type().isPrimitive()) {
        throw new IllegalArgumentException("Column '" + f.name() + "' is " + f.type()
            + "; only primitive columns are read column by column");
      }
    }
    ReadRequest r = ReadRequest.of(tableSchema, projection, boundFilter);
    return new ColumnarFileReader(in, projection, r.readSchema, r.filter, r.filterIds, metrics);
  }

  /** What to read of a file for a projection and filter: the projection, then the columns only the filter needs. */
  private static final class ReadRequest {
    private Schema readSchema;
    private Type[] narrowTo;
    private Expression filter;
    private final Set<Integer> filterIds = new HashSet<>();

    static ReadRequest of(Schema tableSchema, Schema projection, Expression boundFilter) {
      ReadRequest r = new ReadRequest();
      Expression filter = boundFilter == null ? Expressions.alwaysTrue() : boundFilter;
      r.filter = filter;
      for (Field f : projection.fields()) {
        Field t = tableSchema.findFieldById(f.id()).orElseThrow(() -> new ValidationException("Projected column '"
            + f.name() + "' (field id " + f.id() + ") is not in the table schema " + tableSchema));
        ValidationException.check(StructProjection.isProjectionOf(f.type(), t.type()),
            "Projected column '%s' is %s but the table has %s", f.name(), f.type(), t.type());
      }
      List<Field> filterFields = new ArrayList<>();
      collectBound(filter, filterFields);
      List<Field> readFields = new ArrayList<>(projection.fields());
      Type[] narrowTo = new Type[projection.size()];
      Set<Integer> filterIds = r.filterIds;
      for (Field f : filterFields) {
        filterIds.add(f.id());
        if (projection.findFieldById(f.id()).isPresent()) {
          continue;
        }
        // a field only the filter needs: read its whole top-level column, and narrow it again for the output
        Field top = topLevel(tableSchema, f.id());
        int pos = positionOf(readFields, top.id());
        if (pos < 0) {
          readFields.add(top);
        } else if (pos < projection.size() && narrowTo[pos] == null) {
          narrowTo[pos] = projection.fields().get(pos).type();
          readFields.set(pos, top);
        }
      }
      Schema readSchema = readFields.equals(projection.fields()) ? projection
          : new Schema(projection.schemaId(), readFields);
      r.readSchema = readSchema;
      r.narrowTo = narrowTo;
      return r;
    }
  }

  /**
   * Reads a data file's footer and returns the row count it records; with {@code deep}, also reads and
   * decodes every page of every column, and returns the rows actually read.
   *
   * @throws dev.snaplog.core.exceptions.CorruptTableException if the file is not readable Parquet
   * @throws dev.snaplog.core.exceptions.StorageException if it cannot be read
   */
  public static long checkReadable(InputFile in, Schema schema, boolean deep) {
    if (deep) {
      long rows = 0;
      try (CloseableIterable<Record> all = read(in, schema, schema, Expressions.alwaysTrue())) {
        for (Record ignored : all) {
          rows++;
        }
      }
      return rows;
    }
    try (org.apache.parquet.hadoop.ParquetFileReader reader = ParquetFiles.open(in)) {
      return reader.getRecordCount();
    } catch (java.io.IOException e) {
      throw new dev.snaplog.core.exceptions.CorruptTableException("Data file " + in.location()
          + " is not a readable Parquet file: " + e.getMessage(), null, null, e);
    }
  }

  private static Field topLevel(Schema schema, int id) {
    int cur = id;
    while (schema.parentId(cur).isPresent()) {
      cur = schema.parentId(cur).get();
    }
    return schema.findFieldById(cur).orElseThrow();
  }

  private static int positionOf(List<Field> fields, int id) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).id() == id) {
        return i;
      }
    }
    return -1;
  }

  private static void collectBound(Expression e, List<Field> out) {
    if (e instanceof Expression.And a) {
      collectBound(a.left(), out);
      collectBound(a.right(), out);
    } else if (e instanceof Expression.Or o) {
      collectBound(o.left(), out);
      collectBound(o.right(), out);
    } else if (e instanceof Expression.Not n) {
      collectBound(n.child(), out);
    } else if (e instanceof Expression.Bound b) {
      out.add(b.field());
    } else if (e instanceof Expression.Unbound u) {
      throw new IllegalArgumentException("Filter is not bound to the table schema (bind it with"
          + " Expressions.bind): " + u);
    }
  }
}
