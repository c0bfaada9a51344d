package dev.snaplog.spark.internal;

import dev.snaplog.core.DataFile;
import dev.snaplog.core.DeletionVectorRef;
import dev.snaplog.core.FileScanTask;
import dev.snaplog.core.expressions.Expressions;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One data file to read, with the part of the scan's filter its stats could not decide and the rows deleted
 * from it since it was written.
 *
 * @param location the file's full location in the warehouse's storage
 * @param recordCount rows in the file as written, as the log records them
 * @param fileSizeBytes the file's size, as the log records it
 * @param residual the filter rows read from the file must still pass
 * @param deletionVector where the file's deleted row positions are stored; null when none are
 */
record FileInputPartition(String location, long recordCount, long fileSizeBytes, PortableExpression residual,
                          DeletionVector deletionVector) implements InputPartition {
  private static final long serialVersionUID = 1L;

  /** A {@link DeletionVectorRef} in a form tasks can carry. */
  record DeletionVector(String location, long offset, long length, long deletedCount)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * The partition that reads {@code task}'s file: with its residual filter, or, for {@code wholeFile}, every
   * live row (a row-level operation rewrites whole files, so it must see the rows its filter does not match).
   */
  static FileInputPartition of(FileScanTask task, boolean wholeFile) {
    DataFile f = task.file();
    DeletionVector dv = f.deletionVector()
        .map(d -> new DeletionVector(d.location(), d.offset(), d.length(), d.deletedCount())).orElse(null);
    PortableExpression residual = PortableExpression.of(wholeFile
        ? Expressions.alwaysTrue() : task.residual());
    return new FileInputPartition(f.location(), f.recordCount(), f.fileSizeBytes(), residual, dv);
  }

  /** The file as the log describes it, as far as reading it needs: location, counts and deletion vector. */
  DataFile dataFile() {
    Optional<DeletionVectorRef> dv = Optional.ofNullable(deletionVector)
        .map(d -> new DeletionVectorRef(d.location(), d.offset(), d.length(), d.deletedCount()));
    return new DataFile(location, DataFile.PARQUET, recordCount, fileSizeBytes, Map.of()).withDeletionVector(dv);
  }
}
