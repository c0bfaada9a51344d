package dev.snaplog.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.snaplog.core.exceptions.NotFoundException;
import dev.snaplog.core.exceptions.ObjectAlreadyExistsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ObjectStore} must show, run against each implementation by subclassing (the
 * local store in core, S3 in s3-io). Subclasses supply a store and a fresh base location per test; store
 * weaknesses are declared with the capability flags below and skip the tests that need them.
 */
public abstract class ObjectStoreContract {
  private String base;

  /** The store under test; may be shared between tests. */
  protected abstract ObjectStore store();

  /** A fresh, empty location for one test (a temp directory, or {@code s3://bucket/<unique prefix>}). */
  protected abstract String newBaseLocation();

  /** False for stores whose create-only write can let two concurrent creators both succeed. */
  protected boolean createIsAtomic() {
    return true;
  }

  /** Size of the object the streamed-write test writes; S3 stores raise it above their multipart threshold. */
  protected int largeObjectSize() {
    return 3 * 1024 * 1024 + 17;
  }

  @BeforeEach
  void setUpBase() {
    base = newBaseLocation();
  }

  @AfterEach
  void cleanUpBase() {
    for (ObjectInfo info : store().list(base)) {
      store().delete(info.location());
    }
  }

  protected final String loc(String relative) {
    return store().resolve(base, relative);
  }

  protected static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  protected static void write(ObjectStore store, String location, byte[] bytes) throws IOException {
    try (PositionOutputStream out = store.newOutputFile(location).create()) {
      out.write(bytes);
    }
  }

  @Test
  void putIfAbsentCreatesOnlyOnceAndKeepsTheFirstContent() {
    store().putIfAbsent(loc("meta/1.json"), utf8("first"));
    assertThatThrownBy(() -> store().putIfAbsent(loc("meta/1.json"), utf8("second")))
        .isInstanceOf(ObjectAlreadyExistsException.class);
    assertThat(store().readIfExists(loc("meta/1.json"))).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("first")));
  }

  @Test
  void streamedCreateOfAnExistingObjectFailsOnCloseAndKeepsTheFirstContent() throws IOException {
    store().putIfAbsent(loc("data/x.bin"), utf8("first"));
    PositionOutputStream out = store().newOutputFile(loc("data/x.bin")).create();
    out.write(utf8("second"));
    assertThatThrownBy(out::close).isInstanceOf(ObjectAlreadyExistsException.class);
    out.abort();
    assertThat(store().newInputFile(loc("data/x.bin")).readAllBytes()).isEqualTo(utf8("first"));
  }

  @Test
  void concurrentCreatesHaveExactlyOneWinner() throws Exception {
    assumeTrue(createIsAtomic(), "this store's create-only write is not atomic under concurrency");
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 5; round++) {
        String location = loc("race/" + round);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          byte[] content = utf8("writer-" + t);
          results.add(pool.submit(() -> {
            start.await();
            try {
              store().putIfAbsent(location, content);
              return true;
            } catch (ObjectAlreadyExistsException e) {
              return false;
            }
          }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> f : results) {
          winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).as("winners in round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void readAfterWrite() throws IOException {
    byte[] bytes = randomBytes(10_000, 1);
    write(store(), loc("a/obj"), bytes);
    assertThat(store().exists(loc("a/obj"))).isTrue();
    InputFile in = store().newInputFile(loc("a/obj"));
    assertThat(in.location()).isEqualTo(loc("a/obj"));
    assertThat(in.length()).isEqualTo(bytes.length);
    assertThat(in.readAllBytes()).isEqualTo(bytes);
    assertThat(store().readIfExists(loc("a/obj"))).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
  }

  @Test
  void emptyObjectIsReadable() throws IOException {
    write(store(), loc("empty"), new byte[0]);
    assertThat(store().newInputFile(loc("empty")).length()).isZero();
    assertThat(store().newInputFile(loc("empty")).readAllBytes()).isEmpty();
  }

  @Test
  void missingObjects() {
    assertThat(store().exists(loc("nope"))).isFalse();
    assertThat(store().readIfExists(loc("nope"))).isEmpty();
    assertThatThrownBy(() -> store().newInputFile(loc("nope")).length()).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store().newInputFile(loc("nope")).readAllBytes())
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> {
      try (SeekableInputStream s = store().newInputFile(loc("nope")).newStream()) {
        s.read();
      }
    }).isInstanceOf(NotFoundException.class);
  }

  @Test
  void seekableRangedReads() throws IOException {
    byte[] bytes = randomBytes(1_000_003, 2);
    write(store(), loc("f.parquet"), bytes);
    try (SeekableInputStream in = store().newInputFile(loc("f.parquet")).newStream()) {
      assertThat(in.position()).isZero();
      // footer-style access: the last 8 bytes, then a block before them, then back to the start
      long[] positions = {bytes.length - 8, 500_000, 0, 999_000, 12, 13, 100_000, bytes.length - 1};
      for (long pos : positions) {
        in.seek(pos);
        assertThat(in.position()).isEqualTo(pos);
        int len = (int) Math.min(4096, bytes.length - pos);
        byte[] buf = in.readNBytes(len);
        assertThat(buf).as("range at %d", pos).isEqualTo(java.util.Arrays.copyOfRange(bytes, (int) pos, (int) pos + len));
        assertThat(in.position()).isEqualTo(pos + len);
      }
      assertThat(in.read()).isEqualTo(-1);
      in.seek(7);
      assertThat(in.read()).isEqualTo(bytes[7] & 0xff);
      assertThat(in.position()).isEqualTo(8);
    }
  }

  @Test
  void largeStreamedWriteIsReadBackByRange() throws IOException {
    int size = largeObjectSize();
    byte[] chunk = randomBytes(64 * 1024 + 3, 3);
    try (PositionOutputStream out = store().newOutputFile(loc("big.bin")).create()) {
      long written = 0;
      while (written < size) {
        int n = (int) Math.min(chunk.length, size - written);
        out.write(chunk, 0, n);
        written += n;
        assertThat(out.position()).isEqualTo(written);
      }
    }
    InputFile in = store().newInputFile(loc("big.bin"));
    assertThat(in.length()).isEqualTo(size);
    try (SeekableInputStream s = in.newStream()) {
      long pos = size - 100;
      s.seek(pos);
      byte[] tail = s.readNBytes(100);
      for (int i = 0; i < 100; i++) {
        assertThat(tail[i]).isEqualTo(chunk[(int) ((pos + i) % chunk.length)]);
      }
    }
  }

  @Test
  void listIsRecursiveSortedAndBoundedByPrefix() throws IOException {
    for (String name : List.of("t/b/1", "t/a", "t/b/0", "t/d/e/f", "tt/outside", "t2")) {
      write(store(), loc(name), utf8(name));
    }
    List<ObjectInfo> listed = store().list(loc("t"));
    assertThat(listed).extracting(ObjectInfo::location)
        .containsExactly(loc("t/a"), loc("t/b/0"), loc("t/b/1"), loc("t/d/e/f"));
    assertThat(listed).extracting(ObjectInfo::size).containsExactly(3L, 5L, 5L, 7L);
    assertThat(listed).allSatisfy(i -> assertThat(i.lastModifiedMillis()).isPositive());
    assertThat(store().list(loc("t/"))).hasSize(4);
    assertThat(store().list(loc("nothing-here"))).isEmpty();
  }

  @Test
  void listChildrenNamesTheNextSegmentOnly() throws IOException {
    for (String name : List.of("ns/y/z/2", "ns/x/1", "ns/file", "ns/x/2")) {
      write(store(), loc(name), utf8(name));
    }
    assertThat(store().listChildren(loc("ns"))).containsExactly("x", "y");
    assertThat(store().listChildren(loc("ns/y"))).containsExactly("z");
    assertThat(store().listChildren(loc("none"))).isEmpty();
  }

  @Test
  void deleteRemovesAndAbsentIsFine() throws IOException {
    write(store(), loc("d/1"), utf8("1"));
    store().delete(loc("d/1"));
    assertThat(store().exists(loc("d/1"))).isFalse();
    store().delete(loc("d/1"));
    store().delete(loc("d/never-existed"));
  }

  @Test
  void streamedOutputIsInvisibleUntilClose() throws IOException {
    PositionOutputStream out = store().newOutputFile(loc("s/1")).create();
    out.write(randomBytes(100_000, 4));
    out.flush();
    assertThat(store().exists(loc("s/1"))).isFalse();
    assertThat(store().readIfExists(loc("s/1"))).isEmpty();
    out.close();
    assertThat(store().exists(loc("s/1"))).isTrue();
  }

  @Test
  void abortedOutputLeavesNothing() throws IOException {
    PositionOutputStream out = store().newOutputFile(loc("s/2")).create();
    out.write(randomBytes(100_000, 5));
    out.abort();
    assertThat(store().exists(loc("s/2"))).isFalse();
    assertThat(store().list(loc("s"))).isEmpty();
    write(store(), loc("s/2"), utf8("after abort"));
    assertThat(store().newInputFile(loc("s/2")).readAllBytes()).isEqualTo(utf8("after abort"));
  }
}
