package dev.snaplog.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snaplog.core.types.Type;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everything a command prints to stdout goes through here, so each output shape exists in all three formats
 * (see docs/cli.md for the JSON shapes). Three kinds of output:
 * <ul>
 *   <li>{@link #rows}: a list with fixed columns (tables, log, scan). JSON: an array of objects, streamed;
 *       JSON lines: one object per line; CSV: header and rows; table: aligned columns. Values of table
 *       columns print by their type (see {@link Values#json(Type, Object)}).</li>
 *   <li>{@link #document}: one object with nested lists (describe, show, diff, doctor). JSON: that object;
 *       CSV: only its main list; table: {@code key: value} lines, then each list as a table.</li>
 *   <li>{@link #result}: what a change did. Table: one sentence (none with --quiet); JSON: an object;
 *       CSV: header and one row.</li>
 * </ul>
 */
public final class Output {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  private static final ObjectWriter LINE = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private final Format format;
  private final PrintStream out;
  private final boolean quiet;

  public Output(Format format, PrintStream out, boolean quiet) {
    this.format = format;
    this.out = out;
    this.quiet = quiet;
  }

  public Format format() {
    return format;
  }

  public PrintStream stream() {
    return out;
  }

  /** Starts a list output; close the writer to finish it (the JSON array needs its closing bracket). */
  public RowWriter rows(List<String> columns) {
    return new RowWriter(columns, Collections.nCopies(columns.size(), null));
  }

  /**
   * As {@link #rows(List)}, for columns whose values print by their type.
   *
   * @param types one per column: the table column's type, or null for a column that is not a table's
   */
  public RowWriter rows(List<String> columns, List<Type> types) {
    if (types.size() != columns.size()) {
      throw new IllegalArgumentException(types.size() + " types for " + columns.size() + " columns");
    }
    return new RowWriter(columns, types);
  }

  /** Prints a message for people: only in table format and without --quiet. */
  public void say(String message) {
    if (format == Format.TABLE && !quiet) {
      out.println(message);
    }
  }

  /**
   * @param mainList key of the list CSV prints
   */
  public void document(Map<String, Object> doc, String mainList) {
    switch (format) {
      case JSON, JSONL -> printJson(doc);
      case CSV -> {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) doc.getOrDefault(mainList, List.of());
        printMaps(list);
      }
      default -> printText(doc);
    }
  }

  public void result(String sentence, Map<String, Object> fields) {
    switch (format) {
      case JSON, JSONL -> printJson(fields);
      case CSV -> printMaps(List.of(fields));
      default -> say(sentence);
    }
  }

  private void printJson(Object value) {
    try {
      if (format == Format.JSONL) {
        out.println(LINE.writeValueAsString(Values.json(value)));
      } else {
        MAPPER.writeValue(out, Values.json(value));
        out.println();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void printMaps(List<Map<String, Object>> maps) {
    LinkedHashSet<String> cols = new LinkedHashSet<>();
    maps.forEach(m -> cols.addAll(m.keySet()));
    try (RowWriter w = rows(new ArrayList<>(cols))) {
      for (Map<String, Object> m : maps) {
        List<Object> row = new ArrayList<>();
        cols.forEach(c -> row.add(m.get(c)));
        w.add(row);
      }
    }
  }

  private void printText(Map<String, Object> doc) {
    int keyWidth = doc.entrySet().stream().filter(e -> !(e.getValue() instanceof List<?> l && isMaps(l)))
        .mapToInt(e -> e.getKey().length()).max().orElse(0);
    List<Map.Entry<String, Object>> lists = new ArrayList<>();
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (e.getValue() instanceof List<?> l && isMaps(l)) {
        lists.add(e);
      } else {
        out.println(pad(e.getKey() + ":", keyWidth + 1) + " " + inline(e.getValue()));
      }
    }
    for (Map.Entry<String, Object> e : lists) {
      out.println();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> l = (List<Map<String, Object>>) e.getValue();
      out.println(e.getKey() + ":" + (l.isEmpty() ? " (none)" : ""));
      if (!l.isEmpty()) {
        printMaps(l);
      }
    }
  }

  private static boolean isMaps(List<?> l) {
    return !l.isEmpty() && l.get(0) instanceof Map || l.isEmpty();
  }

  private static String inline(Object v) {
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        return "(none)";
      }
      List<String> parts = new ArrayList<>();
      m.forEach((k, x) -> parts.add(k + "=" + Values.text(x)));
      return String.join(", ", parts);
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(Values.text(x)));
      return l.isEmpty() ? "(none)" : String.join(", ", parts);
    }
    return Values.text(v);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  /** Writes rows in the chosen format as they come. */
  public final class RowWriter implements AutoCloseable {
    private final List<String> columns;
    private final List<Type> types;
    private final TextTable table;
    private JsonGenerator json;
    private long count;

    private RowWriter(List<String> columns, List<Type> types) {
      this.columns = columns;
      this.types = types;
      this.table = format == Format.TABLE ? new TextTable(out, columns) : null;
      try {
        if (format == Format.JSON) {
          json = MAPPER.getFactory().createGenerator(out);
          json.useDefaultPrettyPrinter();
          json.writeStartArray();
        } else if (format == Format.CSV) {
          out.println(Csv.line(columns));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public void add(List<Object> values) {
      count++;
      try {
        if (format.isJson()) {
          ObjectNode row = MAPPER.createObjectNode();
          for (int i = 0; i < columns.size(); i++) {
            row.set(columns.get(i), Values.json(types.get(i), values.get(i)));
          }
          if (json != null) {
            MAPPER.writeTree(json, row);
          } else {
            out.println(LINE.writeValueAsString(row));
          }
        } else {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            cells.add(v == null && format == Format.CSV ? "" : Values.text(types.get(i), v));
          }
          if (table != null) {
            table.add(cells);
          } else {
            out.println(Csv.line(cells));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public long count() {
      return count;
    }

    @Override
    public void close() {
      try {
        if (json != null) {
          json.writeEndArray();
          json.flush();
          out.println();
        } else if (table != null) {
          table.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
