package dev.snaplog.core.exceptions;

/**
 * An object of the table's history is missing or cannot be parsed: the pointer names a metadata file that is
 * absent, a metadata or manifest file is truncated. The message names the object; {@code snaplog verify}
 * reports every such object.
 */
public class CorruptTableException extends SnaplogException {
  public CorruptTableException(String message, String table, Long version, Throwable cause) {
    super(message, table, version, cause);
  }
}
