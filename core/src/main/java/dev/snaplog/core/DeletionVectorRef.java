package dev.snaplog.core;

import java.util.Objects;

/**
 * Where the deletion vector of one data file is stored: a byte range of an immutable object written by the
 * commit that deleted the rows. The vector is the set of deleted row positions (0-based, in file order).
 *
 * @param location the object holding the vector
 * @param offset where the vector starts in it
 * @param length the vector's size in bytes
 * @param deletedCount how many positions it holds, so counts need not read it
 */
public record DeletionVectorRef(String location, long offset, long length, long deletedCount) {
  public DeletionVectorRef {
    Objects.requireNonNull(location, "location");
    if (offset < 0 || length <= 0 || deletedCount <= 0) {
      throw new IllegalArgumentException("deletion vector " + location + " has offset " + offset + ", length "
          + length + ", deleted count " + deletedCount);
    }
  }

  public DeletionVectorRef withLocation(String newLocation) {
    return new DeletionVectorRef(newLocation, offset, length, deletedCount);
  }
}
