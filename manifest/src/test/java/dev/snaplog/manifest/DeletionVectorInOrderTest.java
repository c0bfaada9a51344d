package dev.snaplog.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/** {@link DeletionVectors#inOrder} answers as {@link RoaringBitmap#contains} does, however a reader walks. */
class DeletionVectorInOrderTest {
  @Test
  void answersAsContainsForAscendingPositionsWithGapsAndForStepsBack() {
    Random random = new Random(11);
    for (int round = 0; round < 300; round++) {
      int rows = 1 + random.nextInt(200_000);
      RoaringBitmap deleted = new RoaringBitmap();
      double density = random.nextInt(4) == 0 ? 0.9 : random.nextDouble() * 0.2;
      for (int p = 0; p < rows; p++) {
        if (random.nextDouble() < density) {
          deleted.add(p);
        }
      }
      if (random.nextBoolean()) {
        deleted.add(0L, (long) Math.min(rows, 5000)); // a run container
      }
      LongPredicate test = DeletionVectors.inOrder(deleted);
      long position = 0;
      while (position < rows + 10) {
        assertThat(test.test(position)).as("round %d position %d", round, position)
            .isEqualTo(deleted.contains((int) position));
        int step = random.nextInt(50);
        if (step == 0) {
          position += random.nextInt(70_000); // a skipped row group
        } else if (step == 1) {
          position = Math.max(0, position - random.nextInt(100)); // a second pass over the file
        } else {
          position++;
        }
      }
    }
  }

  @Test
  void anEmptyVectorDeletesNothing() {
    LongPredicate test = DeletionVectors.inOrder(new RoaringBitmap());
    assertThat(test.test(0)).isFalse();
    assertThat(test.test(Integer.MAX_VALUE)).isFalse();
  }

  @Test
  void theLastPositionOfAFullFileIsFound() {
    RoaringBitmap deleted = RoaringBitmap.bitmapOf(0, 1, 65_535, 65_536, 1_000_000);
    LongPredicate test = DeletionVectors.inOrder(deleted);
    int found = 0;
    for (long p = 0; p <= 1_000_000; p++) {
      found += test.test(p) ? 1 : 0;
    }
    assertThat(found).isEqualTo(5);
  }
}
