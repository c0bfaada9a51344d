package dev.snaplog.core.io;

import java.io.Closeable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Storage of immutable objects: data files, manifests, metadata, checkpoints. It moves bytes only; it knows
 * nothing of Parquet or of tables. Locations are full URIs or absolute paths the store understands.
 *
 * <p>Implementations are thread-safe and give read-after-write consistency for the objects they create.
 */
public interface ObjectStore extends Closeable {
  InputFile newInputFile(String location);

  /**
   * An input file whose length the caller already knows (a data file's size is in the log), so stores that
   * would ask the server for it (a HEAD request on S3) need not.
   */
  default InputFile newInputFile(String location, long knownLength) {
    return newInputFile(location);
  }

  OutputFile newOutputFile(String location);

  /**
   * Creates a small object atomically, failing with
   * {@link dev.snaplog.core.exceptions.ObjectAlreadyExistsException} when it exists.
   */
  void putIfAbsent(String location, byte[] bytes);

  /** Reads a whole small object, or empty if it does not exist. */
  Optional<byte[]> readIfExists(String location);

  boolean exists(String location);

  /** The size and last-modified time (by the store's clock) of one object, or empty if it does not exist. */
  Optional<ObjectInfo> stat(String location);

  /** Every object under {@code prefix} (recursively), sorted by location. */
  List<ObjectInfo> list(String prefix);

  /**
   * The names of the immediate "directories" under {@code prefix}: the next path segment of the objects
   * below it, sorted. Used to list namespaces and tables without reading their contents.
   */
  List<String> listChildren(String prefix);

  /** Deletes an object; deleting an absent object is not an error. */
  void delete(String location);

  /**
   * Deletes many objects in as few requests as the store allows (S3: one request per 1,000 keys); absent
   * objects are not an error. Maintenance (expiry, orphan removal, purging a dropped table) deletes through
   * this.
   */
  default void deleteAll(Collection<String> locations) {
    locations.forEach(this::delete);
  }

  /** Joins a base location and a relative path with the store's separator. */
  default String resolve(String base, String relative) {
    return base.endsWith("/") ? base + relative : base + "/" + relative;
  }

  @Override
  default void close() {}
}
