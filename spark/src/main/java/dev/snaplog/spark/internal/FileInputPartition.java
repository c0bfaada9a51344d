package dev.snaplog.spark.internal;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One data file to read, with the part of the scan's filter its stats could not decide.
 *
 * @param location the file's full location in the warehouse's storage
 * @param recordCount rows in the file, as the log records them
 * @param residual the filter rows read from the file must still pass
 */
record FileInputPartition(String location, long recordCount, PortableExpression residual)
    implements InputPartition {
  private static final long serialVersionUID = 1L;
}
