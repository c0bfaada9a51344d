package dev.snaplog.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code. Stack traces only with -v: users act on the
 * message, which names the object and the fix; the trace is for reporting bugs.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final IntSupplier verbosity;
  private final PrintStream err;

  ErrorHandler(IntSupplier verbosity, PrintStream err) {
    this.verbosity = verbosity;
    this.err = err;
  }

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
    err.println("error: " + oneLine(e.getMessage()) + " (see '" + cmd + " --help')");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
    int code = ExitCodes.of(e);
    if (code == ExitCodes.GENERIC && !(e instanceof dev.snaplog.core.exceptions.SnaplogException)) {
      err.println("error: unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? ""
          : ": " + oneLine(e.getMessage())) + (verbosity.getAsInt() > 0 ? "" : " (run with -v for details)"));
    } else {
      err.println("error: " + oneLine(e.getMessage()));
    }
    if (verbosity.getAsInt() > 0) {
      e.printStackTrace(err);
    }
    return code;
  }

  static String oneLine(String message) {
    return message == null ? "(no message)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
