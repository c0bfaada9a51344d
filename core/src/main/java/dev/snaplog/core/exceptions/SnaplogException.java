package dev.snaplog.core.exceptions;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Root of every error Snaplog raises on purpose. Unchecked, like Iceberg's exceptions: callers catch the
 * subtype that tells them what to do next. Carries the table and the table version it concerns, when known.
 */
public class SnaplogException extends RuntimeException {
  private final String table;
  private final Long version;

  public SnaplogException(String message) {
    this(message, null, null, null);
  }

  public SnaplogException(String message, Throwable cause) {
    this(message, null, null, cause);
  }

  public SnaplogException(String message, String table, Long version, Throwable cause) {
    super(message, cause);
    this.table = table;
    this.version = version;
  }

  /** The table this error concerns, as {@code namespace.table}, when known. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  /** The table version (pointer version) this error concerns, when known. */
  public OptionalLong version() {
    return version == null ? OptionalLong.empty() : OptionalLong.of(version);
  }
}
