package dev.snaplog.spark.internal;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DeltaWriter;
import org.apache.spark.sql.connector.write.DeltaWriterFactory;

/** Shipped to executors: opens a {@link RowDeltaWriter} per task attempt. */
final class RowDeltaWriterFactory implements DeltaWriterFactory {
  private static final long serialVersionUID = 1L;

  private final SnaplogWriterFactory rows;
  private final int fileOrdinal;
  private final int positionOrdinal;

  RowDeltaWriterFactory(SnaplogWriterFactory rows, int fileOrdinal, int positionOrdinal) {
    this.rows = rows;
    this.fileOrdinal = fileOrdinal;
    this.positionOrdinal = positionOrdinal;
  }

  @Override
  public DeltaWriter<InternalRow> createWriter(int partitionId, long taskId) {
    return new RowDeltaWriter(rows.createWriter(partitionId, taskId), fileOrdinal, positionOrdinal);
  }
}
