package dev.snaplog.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table: a handle on its latest loaded version. Reads see that version until {@link #refresh()}; operations
 * always commit against the newest version (they reload on a lost race). Thread-safe.
 */
public interface Table {
  TableId id();

  /** The table's root location in the warehouse. */
  String location();

  /** The loaded version (pointer version), 0 right after creation. */
  long version();

  /** The current schema: what new rows are written with and what reads of the current snapshot return. */
  Schema schema();

  /** Every schema the table has had, oldest first; the current one is last. Time travel reads with these. */
  List<Schema> schemas();

  /** The partition spec new data files are written for. */
  PartitionSpec spec();

  /** Every partition spec the table's data files may name, by spec id. */
  Map<Integer, PartitionSpec> specs();

  /** The sort order writers sort rows of new data files by; {@link SortOrder#UNSORTED} when none. */
  SortOrder sortOrder();

  /** Every sort order the table has had, by order id (0 is the unsorted order). */
  Map<Integer, SortOrder> sortOrders();

  Map<String, String> properties();

  /** The current snapshot; empty before the first commit of data. */
  Optional<Snapshot> currentSnapshot();

  /**
   * The snapshot with this id, from the table's history.
   *
   * @throws dev.snaplog.core.exceptions.NoSuchSnapshotException if none has this id
   */
  Snapshot snapshot(long snapshotId);

  /**
   * The versions that changed the current snapshot (appends, rollbacks, fast-forwards), newest first: which
   * snapshot became current when. Versions that left it as it was (tags, branch commits, expiry) are omitted.
   */
  List<HistoryEntry> history();

  /** The current snapshot and its ancestors, newest first (follows parent ids). */
  List<Snapshot> snapshots();

  /** Tags of the loaded version: name to snapshot id. */
  Map<String, Long> tags();

  /** Branches other than main: name to head snapshot id. */
  Map<String, Long> branches();

  /** Loads the newest version and returns this table. */
  Table refresh();

  AppendFiles newAppend();

  /** Deletes rows matching a filter; see {@link DeleteFiles}. */
  DeleteFiles newDelete();

  /** Replaces rows and files in one commit; see {@link OverwriteFiles}. */
  OverwriteFiles newOverwrite();

  /** Adds rows and deletes rows by position in one commit; see {@link RowDelta}. */
  RowDelta newRowDelta();

  /** Inserts rows replacing those with the same key, in one commit; see {@link Upsert}. */
  Upsert newUpsert();

  /** Compacts small files and folds in deletion vectors, same rows, one commit; see {@link RewriteFiles}. */
  RewriteFiles newRewrite();

  Rollback newRollback();

  ManageRefs manageRefs();

  /**
   * Changes the schema in one commit; see {@link UpdateSchema}. Starts from the newest version. Appends
   * written with the old schema still commit after it (their files are read by field id); another schema or
   * partition spec change committed meanwhile makes it fail with
   * {@link dev.snaplog.core.exceptions.CommitConflictException}.
   */
  UpdateSchema updateSchema();

  /**
   * Changes how new data is partitioned, in one commit; see {@link UpdatePartitionSpec}. Files already written
   * keep their spec. Conflicts like {@link #updateSchema()}.
   */
  UpdatePartitionSpec updateSpec();

  /**
   * Replaces how writers sort rows within new data files, in one commit; see {@link ReplaceSortOrder}. Files
   * already written keep their layout. Conflicts like {@link #updateSchema()}.
   */
  ReplaceSortOrder replaceSortOrder();

  TableScan newScan();

  /** Files and rows added and removed between two snapshots, from the log alone. */
  IncrementalScan newIncrementalScan();

  /** The rows each snapshot inserted and deleted between two snapshots: a change feed; see {@link ChangelogScan}. */
  ChangelogScan newChangelogScan();

  /** Drops old history and the files only it referenced. */
  ExpireSnapshots expireSnapshots();

  /** Finds and deletes unreferenced objects under the table. */
  RemoveOrphanFiles removeOrphanFiles();

  /**
   * Checks that every object reachable from the retained history exists and parses: log objects are read
   * and decoded, data files have their Parquet footer read and its row count compared with the log's.
   *
   * @return the problems found, each naming the object; empty when the table is sound
   */
  default VerifyReport verify() {
    return verify(false);
  }

  /**
   * As {@link #verify()}; with {@code readEveryPage}, every data file is read in full (every page of every
   * column decoded), which finds damage inside a file whose footer is intact. Costs a full table read.
   */
  VerifyReport verify(boolean readEveryPage);

  /**
   * A writer of new data files under this table, with the current schema and partition spec: one file for an
   * unpartitioned table, one per partition otherwise (under {@code data/<partition path>/}, with a bound on the
   * files open at once, table property {@code write.partitioned.max-open-files}). When the table has a
   * {@link #sortOrder()}, each file's rows are sorted by it: rows are held until the file is written (at most
   * {@code write.sort.buffer-rows} of them; past that a file is written per full buffer), so a row must not be
   * changed after it was written.
   */
  DataWriter newDataWriter();
}
