package dev.snaplog.core.io;

import java.io.Closeable;

/**
 * The two halves of a warehouse's storage, opened together for one root URI.
 *
 * @param objects immutable objects
 * @param pointers mutable pointers, swapped by compare-and-swap
 * @param root the warehouse root location, normalised by the store
 */
public record Storage(ObjectStore objects, PointerStore pointers, String root) implements Closeable {
  @Override
  public void close() {
    objects.close();
  }
}
