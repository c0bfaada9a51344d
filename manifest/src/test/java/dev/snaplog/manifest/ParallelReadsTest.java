package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelReadsTest {
  @Test
  void resultsComeInTheOrderOfTheItems() {
    List<Integer> items = IntStream.range(0, 200).boxed().toList();
    assertThat(ParallelReads.map(items, i -> i * 3))
        .containsExactlyElementsOf(items.stream().map(i -> i * 3).toList());
  }

  @Test
  void readsRunOnMoreThanOneThread() {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    // every read waits until a second thread has taken one, so one thread alone could never finish
    ParallelReads.map(IntStream.range(0, 2).boxed().toList(), i -> {
      threads.add(Thread.currentThread());
      synchronized (threads) {
        threads.notifyAll();
        while (threads.size() < 2) {
          try {
            threads.wait();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }
      }
      return i;
    });
    assertThat(threads).hasSize(2);
  }

  @Test
  void theFirstFailureIsThrownAsItIs() {
    IllegalArgumentException boom = new IllegalArgumentException("unreadable part 7");
    assertThatThrownBy(() -> ParallelReads.map(IntStream.range(0, 50).boxed().toList(), i -> {
      if (i == 7) {
        throw boom;
      }
      return i;
    })).isSameAs(boom);
  }

  @Test
  void readsThatReadSideBySideThemselvesFinish() {
    // more outer items than pool threads, each reading side by side again: the callers take the work
    List<Integer> outer = IntStream.range(0, 32).boxed().toList();
    List<Integer> sums = ParallelReads.map(outer,
        i -> ParallelReads.map(IntStream.range(0, 16).boxed().toList(), j -> i + j).stream()
            .mapToInt(Integer::intValue).sum());
    assertThat(sums).containsExactlyElementsOf(outer.stream().map(i -> 16 * i + 120).toList());
  }
}
