package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.ExitCodes;
import dev.snaplog.cli.output.Format;
import dev.snaplog.core.Table;
import dev.snaplog.core.VerifyReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code verify TABLE}: checks that every object the retained history references (metadata, log records,
 * checkpoints, history index, data files) exists and parses; data files have their footer read and their row
 * count compared with the log's, and with {@code --deep} every page read. Prints a summary and one line per problem; exits
 * with 6 (damaged table) when there is any, so scripts and monitoring can act on it.
 */
@Command(name = "verify", description = "Check that every object of the table's retained history exists and"
    + " parses; exit code 6 if not.", mixinStandardHelpOptions = true)
public final class VerifyCommand extends BaseCommand {
  @Parameters(paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Option(names = "--deep", description = "Also read every page of every data file (a full table read), not"
      + " only each file's footer.")
  boolean deep;

  @Override
  protected int run(CliContext ctx) {
    Table t = ctx.loadTable(table);
    VerifyReport report = t.verify(deep);
    List<Map<String, Object>> problems = new ArrayList<>();
    for (String p : report.problems()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("problem", oneLine(p));
      problems.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", t.id().toString());
    doc.put("version", t.version());
    doc.put("versions-checked", report.versionsChecked());
    doc.put("objects-checked", report.objectsChecked());
    doc.put("ok", report.ok());
    if (ctx.output().format() == Format.TABLE) {
      // one full line per problem: a table cell would cut the object's name short
      ctx.output().document(doc, "problems");
      PrintStream out = ctx.output().stream();
      out.println();
      out.println("problems:" + (problems.isEmpty() ? " (none)" : ""));
      report.problems().forEach(p -> out.println("  " + oneLine(p)));
    } else {
      doc.put("problems", problems);
      ctx.output().document(doc, "problems");
    }
    if (report.ok()) {
      return ExitCodes.OK;
    }
    ctx.err().println("error: Table " + t.id() + " is damaged: " + problems.size() + " problem"
        + (problems.size() == 1 ? "" : "s") + " (listed above); the first: " + oneLine(report.problems().get(0)));
    return ExitCodes.STORAGE;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
