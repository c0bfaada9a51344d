package dev.snaplog.core;

/**
 * How strictly a change is checked against the commits that landed between the version it read and the
 * version it commits on top of. The rules are the matrix in docs/concurrency.md. Appends never conflict at
 * either level.
 */
public enum IsolationLevel {
  /**
   * As if the change ran alone after everything committed before it: an overwrite, delete or upsert also
   * conflicts with a concurrent commit that added rows its filter could match. The default.
   */
  SERIALIZABLE,
  /**
   * The change sees the version it read: it conflicts only with a concurrent commit that removed, rewrote or
   * deleted rows of the files it changes. Rows added meanwhile are kept even if the filter matches them.
   */
  SNAPSHOT;

  /** The level named by {@code text} ({@code serializable} or {@code snapshot}, any case). */
  public static IsolationLevel parse(String text) {
    for (IsolationLevel level : values()) {
      if (level.name().equalsIgnoreCase(text.trim())) {
        return level;
      }
    }
    throw new dev.snaplog.core.exceptions.ValidationException("Unknown isolation level '" + text
        + "'; use 'serializable' or 'snapshot'");
  }
}
