package dev.snaplog.core.data;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DataWriter;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.Record;
import dev.snaplog.core.Schema;
import dev.snaplog.core.io.OutputFile;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Routes rows to one data file per partition of a spec, so that each file holds a single partition and
 * planning can skip it by its partition values. At most {@code maxOpenFiles} files are open at once: when a
 * row needs another, the partition written least recently is finished (a later row of it starts a new file),
 * which bounds memory however the rows are ordered. Not thread-safe.
 *
 * <p>With a sort order, each partition's rows are held by a {@link SortingWriter} and written sorted; at most
 * {@link SortOptions#bufferRows()} rows are held across all partitions, and when that many are, the partition
 * holding the most is written out as a file of its own. The bound on open files then bounds the partitions held
 * at once.
 *
 * <p>Files are invisible until a commit adds them. {@link #close()} without {@link #complete()} abandons the
 * files still open; files already finished because of the bound stay where they are, unreferenced, for orphan
 * clean-up (or the caller's own delete).
 */
public final class PartitionedWriter implements Closeable {
  /** Where the file for a partition goes, given its path ({@code ts_day=2026-01-02/id_bucket=3}, or ""). */
  @FunctionalInterface
  public interface FileFactory {
    OutputFile newFile(String partitionPath);
  }

  private final Schema schema;
  private final PartitionSpec spec;
  private final FileFactory files;
  private final String table;
  private final WriteOptions options;
  private final int maxOpenFiles;
  private final RowValidator validator;
  private final SortOptions sort;
  private final LinkedHashMap<List<Object>, Open> open = new LinkedHashMap<>(16, 0.75f, true);
  private final List<DataFile> finished = new ArrayList<>();
  private final List<SortingWriter.SortedFile> sortedFiles = new ArrayList<>();
  private long offered;
  private long buffered; // rows held by the sorting writers of the open partitions

  private record Open(DataWriter writer, Map<Integer, Object> partition) {}

  /**
   * A writer that streams each partition's rows in the order they come.
   *
   * @param table named in validation errors
   * @param maxOpenFiles the most files open at once (at least 1)
   */
  public PartitionedWriter(Schema schema, PartitionSpec spec, FileFactory files, String table,
      WriteOptions options, int maxOpenFiles) {
    this(schema, spec, files, table, options, maxOpenFiles, SortOptions.NONE);
  }

  /**
   * A writer that sorts each file's rows as {@code sort} says (streams them when its order is unsorted).
   *
   * @param maxOpenFiles the most partitions written or held at once (at least 1)
   * @param sort the order; its buffer bound holds across all partitions
   */
  public PartitionedWriter(Schema schema, PartitionSpec spec, FileFactory files, String table,
      WriteOptions options, int maxOpenFiles, SortOptions sort) {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + maxOpenFiles);
    }
    this.sort = Objects.requireNonNull(sort, "sort");
    sort.order().checkCompatible(schema);
    spec.checkCompatible(schema);
    this.schema = schema;
    this.spec = spec;
    this.files = Objects.requireNonNull(files, "files");
    this.table = table;
    this.options = Objects.requireNonNull(options, "options");
    this.maxOpenFiles = maxOpenFiles;
    this.validator = new RowValidator(schema, table);
  }

  /**
   * Writes a row to its partition's file.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if the row does not fit the schema; it is not
   *     written and the writer stays usable
   */
  public void write(Record row) {
    validator.check(row, ++offered);
    long ordinal = offered - 1;
    Map<Integer, Object> partition = spec.partition(row);
    List<Object> key = new ArrayList<>(partition.values());
    Open target = open.get(key);
    if (target == null) {
      if (open.size() >= maxOpenFiles) {
        Iterator<Open> eldest = open.values().iterator();
        finish(eldest.next());
        eldest.remove();
      }
      String path = spec.path(partition, schema);
      // each partition's buffer is unbounded on its own: the bound holds across them (flushLargest)
      DataWriter writer = sort.sorts()
          ? new SortingWriter(schema, new SortOptions(sort.order(), Integer.MAX_VALUE, sort.maxFileRows(),
              sort.trackOrdinals()), () -> files.newFile(path), table, options)
          : ParquetFormat.newWriter(files.newFile(path), schema, table, options);
      target = new Open(writer, partition);
      open.put(key, target);
    }
    if (target.writer() instanceof SortingWriter sorting) {
      sorting.write(row, ordinal);
      if (++buffered >= sort.bufferRows()) {
        flushLargest();
      }
    } else {
      target.writer().write(row);
    }
  }

  /** Writes out the partition holding the most rows, which frees the most memory for one file. */
  private void flushLargest() {
    SortingWriter largest = null;
    for (Open o : open.values()) {
      SortingWriter w = (SortingWriter) o.writer();
      if (largest == null || w.bufferedRows() > largest.bufferedRows()) {
        largest = w;
      }
    }
    buffered -= largest.bufferedRows();
    largest.flush();
  }

  private void finish(Open o) {
    if (o.writer() instanceof SortingWriter sorting) {
      buffered -= sorting.bufferedRows();
      List<DataFile> written = sorting.completeFiles();
      for (int i = 0; i < written.size(); i++) {
        DataFile file = written.get(i).withPartition(spec.specId(), o.partition());
        finished.add(file);
        if (sort.trackOrdinals()) {
          sortedFiles.add(new SortingWriter.SortedFile(file, sorting.sortedFiles().get(i).ordinals()));
        }
      }
    } else {
      finished.add(o.writer().complete().withPartition(spec.specId(), o.partition()));
    }
  }

  /**
   * The files written with where their rows came from (ordinals count rows across all partitions); call after
   * {@link #complete()}.
   *
   * @throws IllegalStateException if the writer was not asked to track ordinals
   */
  public List<SortingWriter.SortedFile> sortedFiles() {
    if (!sort.trackOrdinals()) {
      throw new IllegalStateException("this writer was made without trackOrdinals");
    }
    return List.copyOf(sortedFiles);
  }

  /** Finishes every open file and returns all files written, each with its spec id and partition values. */
  public List<DataFile> complete() {
    for (Open o : open.values()) {
      finish(o);
    }
    open.clear();
    return List.copyOf(finished);
  }

  /** Number of files open now. */
  public int openFiles() {
    return open.size();
  }

  @Override
  public void close() {
    for (Open o : open.values()) {
      o.writer().close();
    }
    open.clear();
    buffered = 0;
  }
}
