package dev.snaplog.bench;

import java.util.List;

/**
 * One system's side of the change-data workloads, driven through its public Java API without an engine. Tables
 * have the schema {@code id long not null, bucket int not null, payload string}; {@code bucket} is
 * {@code id * 7919 mod 1000}, so {@code bucket = 7} selects 0.1% of the rows spread over every file.
 */
interface ChangeDataSystem extends AutoCloseable {
  String system();

  /** Creates the table and writes {@code files} data files of {@code rowsPerFile} rows, ids from 0. */
  void create(int files, int rowsPerFile);

  /** Creates the table with {@code files} small data files of {@code rowsPerFile} rows each, added in ONE commit. */
  void createSmallFiles(int files, int rowsPerFile);

  /** Deletes the rows with {@code bucket < buckets} in one commit. */
  void deleteBucketsBelow(int buckets);

  /** Replaces the rows with these ids (payload {@code "new"}) in one commit. */
  void upsert(List<Long> ids);

  /** Rewrites every data file into files of at most {@code targetBytes}, same rows, in one commit. */
  void compact(long targetBytes);

  /** Reads every live row; returns the count. */
  long scanAll();

  /** Data files the current snapshot reads. */
  long liveDataFiles();

  /** Bytes of every object under the table's location. */
  long bytesOnDisk();

  static int bucketOf(long id) {
    return (int) Math.floorMod(id * 7919L, 1000L);
  }

  @Override
  void close();
}
