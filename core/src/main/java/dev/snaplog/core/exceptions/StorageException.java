package dev.snaplog.core.exceptions;

/** An I/O failure of the storage, with the operation attempted and the location it concerned. */
public class StorageException extends SnaplogException {
  private final String location;

  public StorageException(String operation, String location, Throwable cause) {
    super("Storage " + operation + " failed for " + location + ": " + describe(cause), cause);
    this.location = location;
  }

  public StorageException(String message, String location) {
    super(message);
    this.location = location;
  }

  public String location() {
    return location;
  }

  private static String describe(Throwable cause) {
    if (cause == null) {
      return "unknown cause";
    }
    String msg = cause.getMessage();
    return cause.getClass().getSimpleName() + (msg == null ? "" : " (" + msg + ")");
  }
}
