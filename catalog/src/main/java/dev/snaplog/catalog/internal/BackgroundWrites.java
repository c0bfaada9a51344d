package dev.snaplog.catalog.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads that write objects while a commit goes on with other work: log records written while the commit
 * prepares its metadata, an upsert's new rows written while the keys are looked up. Daemon threads: a write a
 * JVM exits on is one no pointer names, an orphan like any other failed commit's objects.
 */
final class BackgroundWrites {
  static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "snaplog-commit-write");
    t.setDaemon(true);
    return t;
  });

  private BackgroundWrites() {}
}
