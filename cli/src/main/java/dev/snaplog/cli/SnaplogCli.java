package dev.snaplog.cli;

import dev.snaplog.cli.commands.AlterCommand;
import dev.snaplog.cli.commands.AppendCommand;
import dev.snaplog.cli.commands.BranchCommand;
import dev.snaplog.cli.commands.CreateCommand;
import dev.snaplog.cli.commands.CompactCommand;
import dev.snaplog.cli.commands.DeleteCommand;
import dev.snaplog.cli.commands.OverwriteCommand;
import dev.snaplog.cli.commands.UpsertCommand;
import dev.snaplog.cli.commands.DemoCommand;
import dev.snaplog.cli.commands.DescribeCommand;
import dev.snaplog.cli.commands.ChangesCommand;
import dev.snaplog.cli.commands.DiffCommand;
import dev.snaplog.cli.commands.DoctorCommand;
import dev.snaplog.cli.commands.DropCommand;
import dev.snaplog.cli.commands.ExpireCommand;
import dev.snaplog.cli.commands.FastForwardCommand;
import dev.snaplog.cli.commands.LogCommand;
import dev.snaplog.cli.commands.NsCommand;
import dev.snaplog.cli.commands.OrphansCommand;
import dev.snaplog.cli.commands.RollbackCommand;
import dev.snaplog.cli.commands.ScanCommand;
import dev.snaplog.cli.commands.ShowCommand;
import dev.snaplog.cli.commands.TablesCommand;
import dev.snaplog.cli.commands.TagCommand;
import dev.snaplog.cli.commands.UnbranchCommand;
import dev.snaplog.cli.commands.UntagCommand;
import dev.snaplog.cli.commands.VerifyCommand;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code snaplog} command. {@link #execute} runs one command line and returns its exit code without
 * exiting, so tests can run it in-process; {@link #main} is the only place that calls {@code System.exit}.
 */
@Command(name = "snaplog", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    header = "Commit, inspect and time-travel Snaplog tables.",
    description = {"Tables are named NAMESPACE.TABLE. Times (--as-of) are ISO-8601 instants"
        + " (2026-01-01T10:00:00Z), local date-times in --zone (2026-01-01T10:00, 2026-01-01), 'now',"
        + " or relative (-10m, -2h, -1d).", ""},
    footer = {"", "Exit codes: 0 ok, 1 error, 2 usage, 3 not found, 4 invalid input, 5 commit retries"
        + " exhausted, unknown outcome or fenced, 6 storage or damaged table (verify), 7 unsafe store (doctor),"
        + " 8 conflict with a concurrent change. See docs/cli.md."})
public final class SnaplogCli implements Runnable {
  /**
   * The subcommands, in the order usage lists them. They are added per run, not declared on the annotation:
   * picocli builds a command's model by reflecting over all its options, and a short command such as
   * {@code log} spent more time building the models of the other 27 than doing its work.
   */
  private static final List<Class<?>> COMMANDS = List.of(NsCommand.class, CreateCommand.class,
      TablesCommand.class, DescribeCommand.class, AlterCommand.class, DropCommand.class, AppendCommand.class,
      DeleteCommand.class, OverwriteCommand.class, UpsertCommand.class, CompactCommand.class, LogCommand.class,
      ShowCommand.class, ScanCommand.class, DiffCommand.class, ChangesCommand.class, RollbackCommand.class,
      TagCommand.class, UntagCommand.class, BranchCommand.class, UnbranchCommand.class, FastForwardCommand.class,
      ExpireCommand.class, OrphansCommand.class, VerifyCommand.class, DoctorCommand.class, DemoCommand.class,
      AutoComplete.GenerateCompletion.class);

  @Mixin
  GlobalOptions options;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private CliContext context;

  private SnaplogCli(Map<String, String> env, PrintStream out, PrintStream err, Clock clock) {
    this.env = env;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.getenv(), System.out, System.err, Clock.systemUTC()));
  }

  /** Runs one command line; returns the exit code (see {@link ExitCodes}). */
  public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
      Clock clock) {
    SnaplogCli app = new SnaplogCli(env, out, err, clock);
    CommandLine cl = withSubcommands(app, args);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    CommandLine completion = cl.getSubcommands().get("generate-completion");
    if (completion != null) {
      completion.getCommandSpec().usageMessage().hidden(false);
    }
    ErrorHandler errors = new ErrorHandler(app::verbosity, err);
    cl.setParameterExceptionHandler(errors);
    cl.setExecutionExceptionHandler(errors);
    cl.setExecutionStrategy(parsed -> {
      Logging.configure(app.verbosity());
      return new CommandLine.RunLast().execute(parsed);
    });
    try {
      return cl.execute(args);
    } finally {
      if (app.context != null) {
        app.context.close();
      }
      out.flush();
      err.flush();
    }
  }

  /**
   * The command line of {@code app} with the subcommands {@code args} can select: every one whose name is among
   * the arguments (the one the parser picks is among them, whatever the options around it), or all of them
   * when none is named (usage lists them, and an unknown name gets its suggestions) or when completion is
   * generated (it describes them all).
   */
  private static CommandLine withSubcommands(Object app, String[] args) {
    Set<String> words = new HashSet<>(Arrays.asList(args));
    List<Class<?>> named = COMMANDS.stream().filter(c -> words.contains(c.getAnnotation(Command.class).name()))
        .toList();
    boolean all = named.isEmpty() || named.contains(AutoComplete.GenerateCompletion.class);
    CommandLine cl = new CommandLine(app);
    for (Class<?> c : all ? COMMANDS : named) {
      cl.addSubcommand(c);
    }
    return cl;
  }

  private int verbosity() {
    return options == null ? 0 : options.verbosity();
  }

  /** The context of this run, for subcommands (found through {@code spec.root().userObject()}). */
  public CliContext context() {
    if (context == null) {
      context = new CliContext(options, env, out, err, clock);
    }
    return context;
  }

  @Override
  public void run() {
    // 'snaplog' alone: show what there is to do rather than fail
    withSubcommands(this, new String[0]).usage(out);
  }
}
