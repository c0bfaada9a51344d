package dev.snaplog.core.data;

import dev.snaplog.core.exceptions.ValidationException;

/**
 * Layout knobs of a data file. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param rowGroupSizeBytes a row group is closed once its buffered size reaches this (default 128 MiB); row
 *     groups are the unit Parquet reads and stats skip
 * @param rowGroupRowLimit a row group is also closed after this many rows (default: no limit); mainly for
 *     tests that need several small row groups
 * @param pageSizeBytes target size of a data page (default 1 MiB)
 * @param compression page compression (default ZSTD)
 * @param deltaWholeNumbers whether int and long columns whose dictionary stops paying go on delta-encoded
 *     ({@code DELTA_BINARY_PACKED}, the default) or plain; see {@link WholeNumberDeltaEncoding}. Readers that
 *     predate delta pages (Spark's own Parquet reader before 3.3) need plain. Rows with struct, list or map
 *     columns are written through Parquet's record writer, which always falls back to plain.
 */
public record WriteOptions(long rowGroupSizeBytes, int rowGroupRowLimit, int pageSizeBytes,
                           Compression compression, boolean deltaWholeNumbers) {
  public static final long DEFAULT_ROW_GROUP_SIZE_BYTES = 128L * 1024 * 1024;
  public static final int DEFAULT_PAGE_SIZE_BYTES = 1024 * 1024;

  /**
   * Page compression codecs. ZSTD runs through zstd-jni's native library where it loads (and with
   * {@code -Dsnaplog.zstd.pure-java=true} not), through a pure-Java port otherwise; the two write different
   * but mutually readable frames. SNAPPY is pure Java. Other Parquet readers read all three.
   */
  public enum Compression { ZSTD, SNAPPY, UNCOMPRESSED }

  public WriteOptions {
    ValidationException.check(rowGroupSizeBytes > 0, "row group size must be positive, got %d", rowGroupSizeBytes);
    ValidationException.check(rowGroupRowLimit > 0, "row group row limit must be positive, got %d",
        rowGroupRowLimit);
    ValidationException.check(pageSizeBytes > 0, "page size must be positive, got %d", pageSizeBytes);
    java.util.Objects.requireNonNull(compression, "compression");
  }

  public static WriteOptions defaults() {
    return new WriteOptions(DEFAULT_ROW_GROUP_SIZE_BYTES, Integer.MAX_VALUE, DEFAULT_PAGE_SIZE_BYTES,
        Compression.ZSTD, true);
  }

  public WriteOptions withRowGroupSizeBytes(long bytes) {
    return new WriteOptions(bytes, rowGroupRowLimit, pageSizeBytes, compression, deltaWholeNumbers);
  }

  public WriteOptions withRowGroupRowLimit(int rows) {
    return new WriteOptions(rowGroupSizeBytes, rows, pageSizeBytes, compression, deltaWholeNumbers);
  }

  public WriteOptions withPageSizeBytes(int bytes) {
    return new WriteOptions(rowGroupSizeBytes, rowGroupRowLimit, bytes, compression, deltaWholeNumbers);
  }

  public WriteOptions withCompression(Compression codec) {
    return new WriteOptions(rowGroupSizeBytes, rowGroupRowLimit, pageSizeBytes, codec, deltaWholeNumbers);
  }

  public WriteOptions withDeltaWholeNumbers(boolean delta) {
    return new WriteOptions(rowGroupSizeBytes, rowGroupRowLimit, pageSizeBytes, compression, delta);
  }
}
