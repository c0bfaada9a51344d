package dev.snaplog.core;

/**
 * A change to a table that is built, then committed once.
 *
 * @param <T> what the change produces
 */
public interface PendingUpdate<T> {
  /** Computes the result against the current table state without committing; for dry runs and tests. */
  T apply();

  /**
   * Commits the change. Lost races are retried on their own (reload, revalidate, back off).
   *
   * @return the committed result
   * @throws dev.snaplog.core.exceptions.ValidationException if the change is invalid for the table
   * @throws dev.snaplog.core.exceptions.CommitRaceLostException if concurrent commits kept winning the race
   *     until the retries ran out; committing the same change again is safe
   * @throws dev.snaplog.core.exceptions.CommitConflictException if a concurrent commit conflicts with this
   *     change; never retried, nothing committed
   * @throws dev.snaplog.core.exceptions.CommitStateUnknownException if the outcome could not be learned; do
   *     not clean up, reload and check
   */
  T commit();
}
