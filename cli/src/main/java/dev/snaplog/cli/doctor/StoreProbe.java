package dev.snaplog.cli.doctor;

import dev.snaplog.core.exceptions.CommitRaceLostException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import dev.snaplog.core.exceptions.StorageException;
import dev.snaplog.core.io.ObjectStore;
import dev.snaplog.core.io.PointerStore;
import dev.snaplog.core.io.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exercises a warehouse's storage through the same interfaces commits use, under a scratch prefix it removes
 * afterwards: read-after-write, create-only writes, and above all that concurrent compare-and-swaps of one
 * pointer (and concurrent creates of a new one) have exactly one winner. A store that lets two writers win
 * would silently lose commits, so each race runs many rounds with threads released together.
 */
public final class StoreProbe {
  /** The prefix under the warehouse root where probes write; nothing else uses it. */
  public static final String SCRATCH = "_snaplog_doctor";

  private final Storage storage;
  private final int threads;
  private final int rounds;

  public StoreProbe(Storage storage, int threads, int rounds) {
    this.storage = storage;
    this.threads = threads;
    this.rounds = rounds;
  }

  public List<Check> run() {
    ObjectStore objects = storage.objects();
    String scratch = objects.resolve(storage.root(), SCRATCH + "/" + UUID.randomUUID());
    List<Check> checks = new ArrayList<>();
    try {
      checks.add(writeRead(objects, scratch));
      checks.add(createOnly(objects, scratch));
      checks.add(swapRace(storage.pointers(), objects.resolve(scratch, "swap/_pointer")));
      checks.add(createRace(storage.pointers(), scratch));
    } catch (StorageException e) {
      // a store that cannot even be written answers the question too: nothing can be committed to it
      checks.add(new Check("write to the warehouse", false, e.getMessage()));
      return checks;
    }
    try {
      for (var o : objects.list(scratch)) {
        objects.delete(o.location());
      }
    } catch (StorageException e) {
      checks.add(new Check("remove the probe's scratch objects", false, e.getMessage()));
    }
    return checks;
  }

  private static Check writeRead(ObjectStore objects, String scratch) {
    String loc = objects.resolve(scratch, "object");
    byte[] bytes = ("probe " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    objects.putIfAbsent(loc, bytes);
    Optional<byte[]> back = objects.readIfExists(loc);
    boolean ok = back.isPresent() && Arrays.equals(back.get(), bytes);
    return new Check("write, then read back", ok, ok ? "read-after-write consistent"
        : "an object just written read back " + (back.isPresent() ? "different bytes" : "as missing"));
  }

  private static Check createOnly(ObjectStore objects, String scratch) {
    String loc = objects.resolve(scratch, "object");
    try {
      objects.putIfAbsent(loc, new byte[] {1});
      return new Check("create-only write refuses an existing object", false,
          "a second create of the same object succeeded: immutable objects could be overwritten");
    } catch (ObjectAlreadyExistsException e) {
      return new Check("create-only write refuses an existing object", true, "refused as required");
    }
  }

  private Check swapRace(PointerStore pointers, String loc) {
    int bad = 0;
    StringBuilder winners = new StringBuilder();
    String token = pointers.create(loc, bytes("round -1")).token();
    for (int r = 0; r < rounds; r++) {
      String expected = token;
      int round = r;
      List<String> won = race(i -> pointers.swap(loc, expected, bytes("round " + round + " writer " + i)).token(),
          CommitRaceLostException.class);
      if (won.size() != 1) {
        bad++;
        winners.append(winners.length() == 0 ? "" : ",").append(won.size());
      }
      token = won.size() == 1 ? won.get(0) : pointers.read(loc).orElseThrow().token();
    }
    return new Check(threads + " concurrent swaps of one pointer, " + rounds + " rounds: exactly one wins",
        bad == 0, bad == 0 ? "one winner in every round" : bad + " of " + rounds + " rounds had " + winners
            + " winners: concurrent commits could overwrite each other");
  }

  private Check createRace(PointerStore pointers, String scratch) {
    int bad = 0;
    for (int r = 0; r < rounds; r++) {
      String loc = storage.objects().resolve(scratch, "create-" + r + "/_pointer");
      int round = r;
      List<String> won = race(i -> pointers.create(loc, bytes("create " + round + " writer " + i)).token(),
          ObjectAlreadyExistsException.class);
      if (won.size() != 1) {
        bad++;
      }
    }
    return new Check(threads + " concurrent creates of a new pointer, " + rounds + " rounds: exactly one wins",
        bad == 0, bad == 0 ? "one winner in every round" : bad + " of " + rounds + " rounds did not have exactly"
            + " one winner: two clients creating the same table could both succeed");
  }

  private interface Attempt {
    String run(int writer) throws Exception;
  }

  /** Releases all threads at once; returns the results of those that succeeded. */
  private List<String> race(Attempt attempt, Class<? extends Exception> lost) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int writer = i;
        Callable<String> c = () -> {
          go.await();
          try {
            return attempt.run(writer);
          } catch (Exception e) {
            if (lost.isInstance(e)) {
              return null;
            }
            throw e;
          }
        };
        futures.add(pool.submit(c));
      }
      go.countDown();
      List<String> won = new ArrayList<>();
      for (Future<String> f : futures) {
        String r = f.get();
        if (r != null) {
          won.add(r);
        }
      }
      return won;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
