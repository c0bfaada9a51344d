package dev.snaplog.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Reads independent objects side by side (checkpoint parts, the data files a change reads), so that on a
 * remote store the reads overlap and on a local disk the decoding uses every core. The threads are shared by
 * every table of the JVM; at least four, so remote reads overlap even on a small machine. Daemon threads that
 * end when idle, so the pool never keeps a JVM alive or holds threads in a process that stopped reading.
 */
public final class ParallelReads {
  private static final int THREADS = Math.max(4, Runtime.getRuntime().availableProcessors());
  private static final ExecutorService POOL;

  static {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "snaplog-reader-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    POOL = pool;
  }

  private ParallelReads() {}

  /**
   * {@code read} applied to each of {@code items}, results in the order of the items. The calling thread
   * takes items too and never waits for a pool thread that has not started, so a call made from a pool thread
   * cannot deadlock. The first failure is thrown once every started read has ended; items not started by then
   * are skipped.
   */
  public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> read) {
    int n = items.size();
    if (n < 2) {
      List<R> out = new ArrayList<>(n);
      items.forEach(item -> out.add(read.apply(item)));
      return out;
    }
    Object[] results = new Object[n];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(n);
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        try {
          if (failure.get() == null) {
            results[i] = read.apply(items.get(i));
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          done.countDown();
        }
      }
    };
    for (int h = 0; h < Math.min(THREADS, n - 1); h++) {
      POOL.execute(worker);
    }
    worker.run();
    awaitUninterruptibly(done);
    Throwable t = failure.get();
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
    @SuppressWarnings("unchecked")
    List<R> out = (List<R>) Arrays.asList(results);
    return out;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the reads in flight share objects with the caller: let them end first
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
