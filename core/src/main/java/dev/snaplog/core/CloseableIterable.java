package dev.snaplog.core;

import java.io.Closeable;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** An iterable over something that holds resources (open files); close it when done, e.g. in try-with-resources. */
public interface CloseableIterable<T> extends Iterable<T>, Closeable {
  @Override
  void close();

  static <T> CloseableIterable<T> of(List<T> items) {
    return withClose(items, () -> { });
  }

  static <T> CloseableIterable<T> withClose(Iterable<T> items, Runnable onClose) {
    return new CloseableIterable<>() {
      @Override
      public Iterator<T> iterator() {
        return items.iterator();
      }

      @Override
      public void close() {
        onClose.run();
      }
    };
  }

  /** Reads everything into a list and closes. */
  default List<T> toList() {
    try (this) {
      List<T> out = new java.util.ArrayList<>();
      forEach(out::add);
      return out;
    }
  }

  default <R> CloseableIterable<R> map(Function<T, R> fn) {
    CloseableIterable<T> self = this;
    return new CloseableIterable<>() {
      @Override
      public Iterator<R> iterator() {
        Iterator<T> it = self.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return it.hasNext();
          }

          @Override
          public R next() {
            return fn.apply(it.next());
          }
        };
      }

      @Override
      public void close() {
        self.close();
      }
    };
  }

  default CloseableIterable<T> filter(Predicate<T> keep) {
    CloseableIterable<T> self = this;
    return new CloseableIterable<>() {
      @Override
      public Iterator<T> iterator() {
        Iterator<T> it = self.iterator();
        return new Iterator<>() {
          private T next;
          private boolean ready;

          @Override
          public boolean hasNext() {
            while (!ready && it.hasNext()) {
              T candidate = it.next();
              if (keep.test(candidate)) {
                next = candidate;
                ready = true;
              }
            }
            return ready;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            ready = false;
            return next;
          }
        };
      }

      @Override
      public void close() {
        self.close();
      }
    };
  }
}
