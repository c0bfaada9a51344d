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
  private final LinkedHashMap<List<Object>, Open> open = new LinkedHashMap<>(16, 0.75f, true);
  private final List<DataFile> finished = new ArrayList<>();
  private long offered;

  private record Open(DataWriter writer, Map<Integer, Object> partition) {}

  /**
   * @param table named in validation errors
   * @param maxOpenFiles the most files open at once (at least 1)
   */
  public PartitionedWriter(Schema schema, PartitionSpec spec, FileFactory files, String table,
      WriteOptions options, int maxOpenFiles) {
    if (maxOpenFiles < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 1, got " + maxOpenFiles);
    }
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
    Map<Integer, Object> partition = spec.partition(row);
    List<Object> key = new ArrayList<>(partition.values());
    Open target = open.get(key);
    if (target == null) {
      if (open.size() >= maxOpenFiles) {
        Iterator<Open> eldest = open.values().iterator();
        finish(eldest.next());
        eldest.remove();
      }
      OutputFile out = files.newFile(spec.path(partition, schema));
      target = new Open(ParquetFormat.newWriter(out, schema, table, options), partition);
      open.put(key, target);
    }
    target.writer().write(row);
  }

  private void finish(Open o) {
    finished.add(o.writer().complete().withPartition(spec.specId(), o.partition()));
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
  }
}
