package dev.snaplog.cli.commands;

import dev.snaplog.cli.CliContext;
import dev.snaplog.cli.CliException;
import dev.snaplog.core.PartitionSpec;
import dev.snaplog.core.SortOrder;
import dev.snaplog.core.Table;
import dev.snaplog.core.UpdatePartitionSpec;
import dev.snaplog.core.UpdateSchema;
import dev.snaplog.core.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code alter TABLE CHANGE...}: one schema, partitioning or sort order change, committed as one version. Data
 * files are never rewritten: columns are matched by id, and files keep the partition spec and the order they
 * were written with.
 */
@Command(name = "alter", description = "Change a table's schema, partitioning or sort order, in one commit:%n"
    + "  add column NAME TYPE [not null default VALUE]%n"
    + "  rename column NAME to NEW_NAME%n"
    + "  drop column NAME%n"
    + "  alter column NAME type TYPE      (widen: int->long, float->double, decimal precision up, date->timestamp)%n"
    + "  alter column NAME drop not null%n"
    + "  partition by \"day(ts), bucket(16, id)\"   (or \"none\")%n"
    + "  sort by \"ts desc, id, msg asc nulls last\"   (new files are sorted by these columns)%n"
    + "  unsorted%n"
    + "Nested fields by dotted name (address.city).",
    mixinStandardHelpOptions = true)
public final class AlterCommand extends BaseCommand {
  private static final Pattern REQUIRED_WITH_DEFAULT =
      Pattern.compile("(?is)^(.+?)\\s+not\\s+null\\s+default\\s+(.+)$");

  @Parameters(index = "0", paramLabel = "TABLE", description = "NAMESPACE.TABLE")
  String table;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CHANGE", description = "The change; see above.")
  List<String> words = new ArrayList<>();

  @Override
  protected int run(CliContext ctx) {
    Change change = Change.parse(words);
    Table t = ctx.loadTable(table);
    ctx.requireWritable();
    long before = t.version();
    String done;
    if (change.kind() == Kind.PARTITION_BY) {
      done = repartition(t, change.args().get(0));
    } else if (change.kind() == Kind.SORT_BY) {
      done = resort(t, change.args().get(0));
    } else {
      done = alterSchema(t, change);
    }
    t.refresh();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", t.id().toString());
    result.put("version", t.version());
    result.put("changed", t.version() != before);
    result.put("schema-id", t.schema().schemaId());
    result.put("schema", t.schema().toString());
    result.put("spec-id", t.spec().specId());
    result.put("partition-by", t.spec().toText(t.schema()));
    result.put("sort-order-id", t.sortOrder().orderId());
    result.put("sort-by", t.sortOrder().toText(t.schema()));
    ctx.output().result(t.version() == before ? "Nothing to change in " + t.id() + "; it stays at version "
        + before : done + " in " + t.id() + ": now at version " + t.version(), result);
    return 0;
  }

  private static String alterSchema(Table t, Change c) {
    UpdateSchema u = t.updateSchema();
    List<String> a = c.args();
    String done = switch (c.kind()) {
      case ADD -> {
        Matcher m = REQUIRED_WITH_DEFAULT.matcher(a.get(1));
        if (m.matches()) {
          u.addRequiredColumn(a.get(0), Type.parse(m.group(1).strip()), unquote(m.group(2).strip()));
        } else {
          u.addColumn(a.get(0), Type.parse(a.get(1)));
        }
        yield "Added column " + a.get(0);
      }
      case RENAME -> {
        u.renameColumn(a.get(0), a.get(1));
        yield "Renamed column " + a.get(0) + " to " + a.get(1);
      }
      case DROP -> {
        u.deleteColumn(a.get(0));
        yield "Dropped column " + a.get(0);
      }
      case TYPE -> {
        u.updateColumn(a.get(0), Type.parse(a.get(1)));
        yield "Changed the type of column " + a.get(0) + " to " + a.get(1);
      }
      case OPTIONAL -> {
        u.makeColumnOptional(a.get(0));
        yield "Made column " + a.get(0) + " optional";
      }
      default -> throw new IllegalStateException(c.kind().name());
    };
    u.commit();
    return done;
  }

  /** Moves the table to the spec written in {@code text}: see {@link UpdatePartitionSpec#partitionBy}. */
  private static String repartition(Table t, String text) {
    PartitionSpec committed = t.updateSpec().partitionBy(text).commit();
    return "Partitioned by " + (committed.isUnpartitioned() ? "nothing" : committed.toText(t.schema())) + " (spec "
        + committed.specId() + "; files written before keep theirs)";
  }

  /** Makes the order written in {@code text} the table's sort order ({@code ""}: unsorted). */
  private static String resort(Table t, String text) {
    SortOrder committed = t.replaceSortOrder().sortBy(text).commit();
    return (committed.isUnsorted() ? "Unsorted" : "Sorted by " + committed.toText(t.schema()) + " (order "
        + committed.orderId() + ")") + "; files written before keep their order";
  }


  private static String unquote(String v) {
    return v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))
        ? v.substring(1, v.length() - 1) : v;
  }

  enum Kind { ADD, RENAME, DROP, TYPE, OPTIONAL, PARTITION_BY, SORT_BY }

  /** The change the words name, checked before the table is loaded. */
  record Change(Kind kind, List<String> args) {
    private static final String USAGE = "write one of: 'add column NAME TYPE', 'rename column NAME to NEW_NAME',"
        + " 'drop column NAME', 'alter column NAME type TYPE', 'alter column NAME drop not null',"
        + " 'partition by \"SPEC\"', 'sort by \"ORDER\"', 'unsorted'";

    static Change parse(List<String> words) {
      List<String> w = words;
      String verb = w.isEmpty() ? "" : w.get(0).toLowerCase(Locale.ROOT);
      String second = w.size() > 1 ? w.get(1).toLowerCase(Locale.ROOT) : "";
      if (verb.equals("partition") && second.equals("by") && w.size() >= 3) {
        return new Change(Kind.PARTITION_BY, List.of(String.join(" ", w.subList(2, w.size()))));
      }
      if (verb.equals("sort") && second.equals("by")) {
        String order = String.join(" ", w.subList(2, w.size())).strip();
        if (order.isEmpty()) {
          throw CliException.invalid("'sort by' needs columns, e.g. 'sort by \"ts desc, id\"'; to stop sorting"
              + " write 'unsorted'");
        }
        return new Change(Kind.SORT_BY, List.of(order));
      }
      if (verb.equals("unsorted") && w.size() == 1) {
        return new Change(Kind.SORT_BY, List.of(""));
      }
      if (!second.equals("column") || w.size() < 3) {
        throw CliException.invalid("Cannot read the change '" + String.join(" ", w) + "'; " + USAGE);
      }
      String name = w.get(2);
      List<String> rest = w.subList(3, w.size());
      switch (verb) {
        case "add" -> {
          if (rest.isEmpty()) {
            throw CliException.invalid("'add column " + name + "' needs a type, e.g. 'add column " + name
                + " string'");
          }
          return new Change(Kind.ADD, List.of(name, String.join(" ", rest)));
        }
        case "rename" -> {
          if (rest.size() != 2 || !rest.get(0).equalsIgnoreCase("to")) {
            throw CliException.invalid("Write 'rename column " + name + " to NEW_NAME'");
          }
          return new Change(Kind.RENAME, List.of(name, rest.get(1)));
        }
        case "drop" -> {
          if (!rest.isEmpty()) {
            throw CliException.invalid("Write 'drop column " + name + "' with nothing after the name");
          }
          return new Change(Kind.DROP, List.of(name));
        }
        case "alter" -> {
          if (rest.size() >= 2 && rest.get(0).equalsIgnoreCase("type")) {
            return new Change(Kind.TYPE, List.of(name, String.join(" ", rest.subList(1, rest.size()))));
          }
          if (String.join(" ", rest).equalsIgnoreCase("drop not null")) {
            return new Change(Kind.OPTIONAL, List.of(name));
          }
          throw CliException.invalid("Write 'alter column " + name + " type TYPE' or 'alter column " + name
              + " drop not null'");
        }
        default -> throw CliException.invalid("Cannot read the change '" + String.join(" ", w) + "'; " + USAGE);
      }
    }
  }
}
