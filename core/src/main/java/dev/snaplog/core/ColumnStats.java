package dev.snaplog.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Statistics of one column in one data file: how many nulls, and the smallest and largest non-null value
 * (absent when every value is null or the bounds are unknown). Values are in the column type's canonical
 * Java class.
 */
public final class ColumnStats {
  private final long nullCount;
  private final Object min;
  private final Object max;

  public ColumnStats(long nullCount, Object min, Object max) {
    this.nullCount = nullCount;
    this.min = min;
    this.max = max;
  }

  public long nullCount() {
    return nullCount;
  }

  public Optional<Object> min() {
    return Optional.ofNullable(min);
  }

  public Optional<Object> max() {
    return Optional.ofNullable(max);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnStats s && s.nullCount == nullCount && Objects.equals(s.min, min)
        && Objects.equals(s.max, max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(nullCount, min, max);
  }

  @Override
  public String toString() {
    return "ColumnStats[nulls=" + nullCount + ", min=" + min + ", max=" + max + "]";
  }
}
