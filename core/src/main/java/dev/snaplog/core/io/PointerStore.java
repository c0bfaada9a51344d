package dev.snaplog.core.io;

import java.util.Optional;

/**
 * The one mutable object per table, changed only by compare-and-swap. This swap is the commit point of the
 * table: everything a commit wrote before it is invisible until it succeeds.
 *
 * <p>Contract, tested by {@code PointerStoreContract} for every implementation:
 * <ul>
 *   <li>{@link #create} succeeds for exactly one of any number of concurrent callers;</li>
 *   <li>{@link #swap} succeeds for exactly one of any number of concurrent callers presenting the same token,
 *       and never succeeds for a stale token;</li>
 *   <li>a reader sees either the old or the new content, never a mix, also after a crash at any instant.</li>
 * </ul>
 */
public interface PointerStore {
  /** The current content and token, or empty if there is no pointer at {@code location}. */
  Optional<Pointer> read(String location);

  /**
   * Creates the pointer if absent.
   *
   * @throws dev.snaplog.core.exceptions.ObjectAlreadyExistsException if a pointer exists
   */
  Pointer create(String location, byte[] bytes);

  /**
   * Replaces the pointer if its token is still {@code expectedToken}.
   *
   * @return the new pointer with its new token
   * @throws dev.snaplog.core.exceptions.CommitRaceLostException if the token no longer matches (nothing
   *     changed)
   * @throws dev.snaplog.core.exceptions.CommitStateUnknownException if the swap was sent but its outcome is
   *     unknown; the caller must settle it by reading the pointer before doing anything else
   */
  Pointer swap(String location, String expectedToken, byte[] bytes);

  /** Removes the pointer if its token is still {@code expectedToken}; used by drop table. */
  void delete(String location, String expectedToken);
}
