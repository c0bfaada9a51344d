package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.SnaplogCli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand: runs against the context of the current invocation and returns an exit code. */
public abstract class BaseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  protected CliContext ctx() {
    return ((SnaplogCli) spec.root().userObject()).context();
  }

  @Override
  public final Integer call() throws Exception {
    return run(ctx());
  }

  protected abstract int run(CliContext ctx) throws Exception;
}
