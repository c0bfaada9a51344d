package dev.snaplog.manifest;

/**
 * Format versions of the objects this build writes and the newest it reads. Readers refuse a newer version
 * outright instead of guessing at fields they do not know; every older version stays readable.
 *
 * <p>Metadata version 2 added {@code orphan-horizon-ms}: a writer that ignored it could land a commit naming
 * files that orphan removal is deleting, so writers of version 1 must not commit to such a table, and the bump
 * makes them refuse it. History index objects keep version 1: their content did not change.
 *
 * <p>Metadata version 3 added {@code last-column-id}, {@code partition-specs}, {@code default-spec-id} and the
 * versions of the log records of each file set ({@code log-versions}); log records and checkpoints version 2
 * added to each file entry its content kind, partition spec id and values, deletion vector and data sequence
 * number. A version-2 writer would drop deletion vectors and so resurrect deleted rows: the bump makes it
 * refuse such tables. Objects of the older versions read as unpartitioned data files with no deleted rows.
 *
 * <p>Checkpoint version 3 writes checkpoint parts as Parquet (one row per file entry, stats as typed columns;
 * see {@code CheckpointPartParquet}) instead of gzip-compressed JSON. A version-2 reader would take a Parquet
 * part for damaged JSON; the bump makes it refuse the checkpoint with a message to upgrade instead. Parts of
 * versions 1 and 2 stay readable, and a checkpoint may list parts of both forms.
 *
 * <p>History index version 2 adds to each entry a compact summary of the version's snapshot ({@code s}: parent,
 * time, operation, schema id), so time travel names a snapshot without reading the version's metadata. The
 * same entries in a metadata file's history tail carry it too; the field is optional and ignored by older
 * readers, so metadata keeps version 3. Entries of version 1 read without a summary.
 *
 * <p>Metadata version 4 adds {@code last-partition-id} and lets tables be partitioned ({@code create} with a
 * spec, spec evolution) and change their schema. A version-3 writer would write a partitioned table's rows
 * into files without partition values, which planning would then prune wrongly, and would not know that a
 * schema change must conflict with another; the bump makes it refuse such tables. Version-3 metadata reads
 * with {@code last-partition-id} taken from its specs.
 *
 * <p>Metadata version 5 adds {@code sort-orders} and {@code default-sort-order-id}: how writers sort rows within
 * each new data file. A version-4 writer would write a sorted table's files unsorted and would not know that
 * dropping a sort column must be refused; the bump makes it refuse tables of this version. Version-4 metadata
 * reads as unsorted (order 0). Log records and checkpoints keep their versions: file entries did not change.
 */
public final class FormatVersions {
  public static final int POINTER = 1;
  public static final int METADATA = 5;
  public static final int HISTORY_INDEX = 2;
  public static final int LOG_RECORD = 2;
  public static final int CHECKPOINT = 3;

  private FormatVersions() {}
}
