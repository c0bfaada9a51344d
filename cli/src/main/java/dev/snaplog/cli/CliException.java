package dev.snaplog.cli;

/**
 * An error the CLI detects itself (a missing input file, an unparseable time), carrying its exit code. The
 * message is the one line the user sees, so it names the offending input and, where possible, the fix.
 */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException invalid(String message) {
    return new CliException(ExitCodes.INVALID, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }
}
