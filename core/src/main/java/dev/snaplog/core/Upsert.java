package dev.snaplog.core;

import java.util.List;

/**
 * Inserts rows, replacing the rows with the same key, in one commit: MERGE by key without an engine. Every
 * live row whose key columns equal those of a new row is deleted (a deletion vector in merge-on-read, the file
 * written again without it in copy-on-write, as {@link DeleteFiles}) and the new rows are added.
 *
 * <p>Within one upsert a key may appear only once: a batch that repeats a key is refused with a
 * {@link dev.snaplog.core.exceptions.ValidationException} naming the key, and nothing is committed (which of
 * two rows should win is the caller's decision: keep the last change event of each key). Key columns may not
 * be null in the new rows; live rows whose key holds a null never match.
 *
 * <p>Conflicts follow {@link DeleteFiles}, with the batch's keys as the filter: under serializable isolation
 * a concurrent commit that added rows which may hold one of these keys conflicts; under snapshot isolation it
 * does not, and both rows stay.
 */
public interface Upsert extends SnapshotUpdate<Upsert> {
  /**
   * The key columns rows are matched on.
   *
   * @throws dev.snaplog.core.exceptions.ValidationException if none is given, a column is not in the schema,
   *     or its type cannot be a key (float, double, binary)
   */
  Upsert key(List<String> columns);

  default Upsert key(String... columns) {
    return key(List.of(columns));
  }

  /** Writes {@code records} into a new data file of the table; their keys replace existing rows. */
  Upsert addRecords(Iterable<? extends Record> records);

  /**
   * Adds a data file already written (same location rules as {@link AppendFiles#appendFile}); it is read once
   * for its keys, which replace existing rows.
   */
  Upsert addFile(DataFile file);
}
