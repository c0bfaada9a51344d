package dev.snaplog.catalog.internal;

import dev.snaplog.core.CloseableIterable;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Reads the parts one after another, opening each only when the previous is exhausted, so one file is open. */
final class ConcatIterable<P, T> implements CloseableIterable<T> {
  private final List<P> parts;
  private final Function<P, CloseableIterable<T>> open;
  private CloseableIterable<T> currentPart;

  ConcatIterable(List<P> parts, Function<P, CloseableIterable<T>> open) {
    this.parts = parts;
    this.open = open;
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private int next;
      private Iterator<T> it;

      @Override
      public boolean hasNext() {
        while ((it == null || !it.hasNext()) && next < parts.size()) {
          closeCurrent();
          currentPart = open.apply(parts.get(next++));
          it = currentPart.iterator();
        }
        boolean has = it != null && it.hasNext();
        if (!has) {
          closeCurrent();
        }
        return has;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }
    };
  }

  private void closeCurrent() {
    if (currentPart != null) {
      currentPart.close();
      currentPart = null;
    }
  }

  @Override
  public void close() {
    closeCurrent();
  }
}
