package dev.snaplog.manifest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that read and decode checkpoint parts side by side. Shared by every table of the JVM; at least
 * four, so reads from a remote store overlap even on a small machine. Daemon threads that end when idle, so
 * the pool never keeps a JVM alive or holds threads in a process that stopped planning.
 */
final class PartReaders {
  static final ExecutorService POOL;

  static {
    int threads = Math.max(4, Runtime.getRuntime().availableProcessors());
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "snaplog-part-reader-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    POOL = pool;
  }

  private PartReaders() {}
}
