package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The command line builds only the subcommands its arguments name; whatever it builds, every command stays
 * reachable, listed and suggested as when all were declared.
 */
class SubcommandSelectionTest extends CliTestBase {
  private static final String[] ALL = {"ns", "create", "tables", "describe", "alter", "drop", "append", "delete",
      "overwrite", "upsert", "compact", "log", "show", "scan", "diff", "changes", "rollback", "tag", "untag",
      "branch", "unbranch", "fast-forward", "expire", "orphans", "verify", "doctor", "demo",
      "generate-completion"};

  @Test
  void noArgumentsListsEveryCommand() {
    String usage = run().stdout();
    for (String name : ALL) {
      assertThat(usage).as(name).containsPattern("(?m)^  " + name + " ");
    }
  }

  @Test
  void helpListsEveryCommand() {
    String usage = ok("--help").stdout();
    for (String name : ALL) {
      assertThat(usage).as(name).containsPattern("(?m)^  " + name + " ");
    }
  }

  @Test
  void anUnknownCommandIsAUsageErrorNamingIt() {
    CliResult r = fails(ExitCodes.USAGE, "lgo", "db.t");
    assertThat(r.stderr()).contains("'lgo'");
  }

  @Test
  void aCommandAfterGlobalOptionsAndANestedCommandRun() {
    ok("ns", "create", "db");
    ok("create", "db.t", "--schema", "id long");
    assertThat(ok("--format", "json", "log", "db.t").stdout()).isEqualToIgnoringWhitespace("[]"); // no commit yet
    assertThat(ok("ns", "list").stdout()).contains("db");
  }
}
