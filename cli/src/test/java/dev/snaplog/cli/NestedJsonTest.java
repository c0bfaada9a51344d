package dev.snaplog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Structs, lists and maps through JSON lines input and every row output: values read back as written, the
 * JSON lines a scan prints append again unchanged, and bad nested input names its path and line and commits
 * nothing.
 */
class NestedJsonTest extends CliTestBase {
  private static final String SCHEMA = "id long not null, address struct<city string not null, zip int>,"
      + " items list<struct<sku string not null, qty int>>, tags list<string>, attrs map<string, string>,"
      + " scores map<int, double not null>, amount decimal(10,2)";

  // each line as scan prints it in JSON lines: keys in column order, maps with int keys as key/value entries
  private static final List<String> ROWS = List.of(
      "{\"id\":1,\"address\":{\"city\":\"Oslo\",\"zip\":150},\"items\":[{\"sku\":\"a-1\",\"qty\":2},"
          + "{\"sku\":\"b-2\",\"qty\":null}],\"tags\":[\"x\",\"y\"],\"attrs\":{\"k\":\"v\",\"empty\":\"\"},"
          + "\"scores\":[{\"key\":3,\"value\":1.5},{\"key\":-1,\"value\":0.25}],\"amount\":10.10}",
      "{\"id\":2,\"address\":null,\"items\":[],\"tags\":null,\"attrs\":{},\"scores\":[],\"amount\":null}",
      "{\"id\":3,\"address\":{\"city\":\"Bergen\",\"zip\":null},\"items\":null,\"tags\":[null],\"attrs\":null,"
          + "\"scores\":null,\"amount\":0.00}");

  @BeforeEach
  void table() {
    ok("ns", "create", "db");
    ok("create", "db.nested", "--schema", SCHEMA);
  }

  @Test
  void nestedValuesReadBackAsWritten() throws IOException {
    // fields in another order, an absent optional field, an int-keyed map as a JSON object: all accepted
    Path in = write("in.jsonl", String.join("\n",
        "{\"amount\":\"10.1\",\"id\":1,\"address\":{\"zip\":150,\"city\":\"Oslo\"},\"items\":[{\"qty\":2,"
            + "\"sku\":\"a-1\"},{\"sku\":\"b-2\"}],\"tags\":[\"x\",\"y\"],\"attrs\":{\"k\":\"v\",\"empty\":\"\"},"
            + "\"scores\":{\"3\":1.5,\"-1\":0.25}}",
        "{\"id\":2,\"items\":[],\"attrs\":{},\"scores\":[]}",
        "{\"id\":3,\"address\":{\"city\":\"Bergen\"},\"tags\":[null],\"amount\":0}") + "\n");
    ok("append", "db.nested", in.toString());

    assertThat(scanLines("db.nested")).containsExactlyElementsOf(ROWS);
    JsonNode json = json("scan", "db.nested");
    assertThat(json).hasSize(3);
    assertThat(json.get(0).get("address").get("city").asText()).isEqualTo("Oslo");
    assertThat(json.get(0).get("scores").get(0).get("key").isInt()).isTrue();
    assertThat(json.get(1).get("address").isNull()).isTrue();
  }

  @Test
  void scanJsonLinesAppendsAgainUnchanged() throws IOException {
    ok("append", "db.nested", write("in.jsonl", String.join("\n", ROWS) + "\n").toString());
    String printed = ok("scan", "db.nested", "--format", "jsonl").stdout();
    ok("create", "db.copy", "--schema", SCHEMA);
    ok("append", "db.copy", write("copy.jsonl", printed).toString());
    assertThat(scanLines("db.copy")).containsExactlyElementsOf(scanLines("db.nested"))
        .containsExactlyElementsOf(ROWS);
    // the indented JSON array holds the same rows
    List<JsonNode> expected = new ArrayList<>();
    for (String row : ROWS) {
      expected.add(CliFlowContract.JSON.readTree(row));
    }
    assertThat(json("scan", "db.copy")).containsExactlyElementsOf(expected);
  }

  @Test
  void scalarsInsideNestedValuesKeepTheirTextForms() throws IOException {
    ok("create", "db.kinds", "--schema", "id int not null, times list<timestamptz>,"
        + " s struct<d date, u uuid, f float, b binary, t time, n decimal(5,3)>, byday map<date, list<double>>,"
        + " m map<string, boolean>");
    String row = "{\"id\":1,\"times\":[\"2026-01-01T10:00:00.123456Z\",null],\"s\":{\"d\":\"2026-02-28\","
        + "\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"f\":\"NaN\",\"b\":\"AAEC/w==\",\"t\":\"23:59:59.5\","
        + "\"n\":-1.250},\"byday\":[{\"key\":\"2026-01-02\",\"value\":[1.0E300,\"-Infinity\"]}],"
        + "\"m\":{\"yes\":true,\"no\":false}}";
    // a string-keyed map may also come as key/value entries; it prints as an object
    ok("append", "db.kinds", write("kinds.jsonl", row.replace("{\"yes\":true,\"no\":false}",
        "[{\"key\":\"yes\",\"value\":true},{\"key\":\"no\",\"value\":false}]") + "\n").toString());
    List<String> printed = scanLines("db.kinds");
    assertThat(printed).containsExactly("{\"id\":1,\"times\":[\"2026-01-01T10:00:00.123456Z\",null],"
        + "\"s\":{\"d\":\"2026-02-28\",\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"f\":\"NaN\","
        + "\"b\":\"AAEC/w==\",\"t\":\"23:59:59.500\",\"n\":-1.250},"
        + "\"byday\":[{\"key\":\"2026-01-02\",\"value\":[1.0E300,\"-Infinity\"]}],\"m\":{\"yes\":true,\"no\":false}}");
    ok("create", "db.kinds2", "--schema", "id int not null, times list<timestamptz>,"
        + " s struct<d date, u uuid, f float, b binary, t time, n decimal(5,3)>, byday map<date, list<double>>,"
        + " m map<string, boolean>");
    ok("append", "db.kinds2", write("kinds2.jsonl", printed.get(0) + "\n").toString());
    assertThat(scanLines("db.kinds2")).isEqualTo(printed);
  }

  @Test
  void changesPrintNestedValuesAsJson() throws IOException {
    ok("append", "db.nested", write("in.jsonl", ROWS.get(0) + "\n").toString());
    JsonNode changes = json("changes", "db.nested");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).get("_change").asText()).isEqualTo("insert");
    assertThat(changes.get(0).get("items").toString()).isEqualTo("[{\"sku\":\"a-1\",\"qty\":2},"
        + "{\"sku\":\"b-2\",\"qty\":null}]");
    assertThat(changes.get(0).get("scores").toString())
        .isEqualTo("[{\"key\":3,\"value\":1.5},{\"key\":-1,\"value\":0.25}]");
  }

  @Test
  void tableAndCsvPrintNestedValuesAsCompactJson() throws IOException {
    ok("append", "db.nested", write("in.jsonl", ROWS.get(0) + "\n").toString());
    String table = ok("scan", "db.nested", "--select", "id,address,tags").stdout();
    assertThat(table).contains("{\"city\":\"Oslo\",\"zip\":150}", "[\"x\",\"y\"]");
    List<String> csv = ok("scan", "db.nested", "--select", "id,address,tags", "--format", "csv").stdoutLines();
    assertThat(csv).containsExactly("id,address,tags", "1,\"{\"\"city\"\":\"\"Oslo\"\",\"\"zip\"\":150}\","
        + "\"[\"\"x\"\",\"\"y\"\"]\"");
  }

  @Test
  void filtersOnNestedFields() throws IOException {
    ok("append", "db.nested", write("in.jsonl", String.join("\n", ROWS) + "\n").toString());
    assertThat(ok("scan", "db.nested", "--where", "address.city = 'Oslo'", "--select", "id", "--format", "csv")
        .stdoutLines()).containsExactly("id", "1");
    assertThat(ok("scan", "db.nested", "--where", "address.zip is null and address.city is not null",
        "--select", "id", "--format", "csv").stdoutLines()).containsExactly("id", "3");
  }

  @Test
  void badNestedInputNamesPathAndLineAndCommitsNothing() throws IOException {
    ok("append", "db.nested", write("first.jsonl", ROWS.get(1) + "\n").toString());
    long before = version("db.nested");
    List<Path> filesBefore = dataFiles("db", "nested");

    assertRefused("wrong-element.jsonl", "{\"id\":4,\"tags\":[\"a\"]}\n{\"id\":5,\"items\":[{\"sku\":\"s\","
        + "\"qty\":1},{\"sku\":\"t\",\"qty\":\"many\"}]}", ":2:55:", "column 'items[1].qty'", "'many'");
    assertRefused("unknown-field.jsonl", "{\"id\":4,\"address\":{\"city\":\"Oslo\",\"street\":\"Main\"}}",
        ":1:34:", "column 'address'", "key 'street' is not a field of the struct", "[city, zip]");
    assertRefused("missing-required.jsonl", "{\"id\":4}\n\n{\"id\":6,\"items\":[{\"qty\":1}]}",
        ":3:26:", "required field 'items[0].sku' is missing");
    assertRefused("object-for-scalar.jsonl", "{\"id\":4,\"address\":{\"city\":{\"name\":\"Oslo\"}}}",
        ":1:27:", "column 'address.city' (string): found a JSON object");
    assertRefused("array-for-struct.jsonl", "{\"id\":4,\"address\":[\"Oslo\"]}",
        ":1:19:", "column 'address'", "expected a JSON object, found an array");
    assertRefused("null-map-value.jsonl", "{\"id\":4,\"scores\":{\"1\":null}}",
        "column 'scores[1]' is null", "required");
    assertRefused("bad-map-key.jsonl", "{\"id\":4,\"scores\":{\"one\":1.0}}",
        ":1:19:", "column 'scores key'", "'one'");
    assertRefused("repeated-map-key.jsonl", "{\"id\":4,\"scores\":[{\"key\":1,\"value\":1},{\"key\":1,\"value\":2}]}",
        "map key 1 appears twice in one map", "--allow-lossy");
    assertRefused("entry-without-key.jsonl", "{\"id\":4,\"scores\":[{\"value\":1}]}",
        "column 'scores'", "needs a non-null 'key'");
    assertRefused("entry-not-object.jsonl", "{\"id\":4,\"scores\":[3]}",
        ":1:19:", "column 'scores'", "found a number");

    assertThat(version("db.nested")).isEqualTo(before);
    assertThat(dataFiles("db", "nested")).containsExactlyInAnyOrderElementsOf(filesBefore);
    assertThat(scanLines("db.nested")).containsExactly(ROWS.get(1));
  }

  @Test
  void repeatedKeysInsideNestedValuesKeepTheLastWithAllowLossy() throws IOException {
    Path in = write("repeat.jsonl", "{\"id\":1,\"address\":{\"city\":\"A\",\"city\":\"B\"},"
        + "\"scores\":{\"1\":1,\"2\":2,\"1\":3}}\n");
    fails(ExitCodes.INVALID, "append", "db.nested", in.toString());
    ok("append", "db.nested", in.toString(), "--allow-lossy");
    assertThat(scanLines("db.nested")).containsExactly("{\"id\":1,\"address\":{\"city\":\"B\",\"zip\":null},"
        + "\"items\":null,\"tags\":null,\"attrs\":null,\"scores\":[{\"key\":2,\"value\":2.0},"
        + "{\"key\":1,\"value\":3.0}],\"amount\":null}");
  }

  @Test
  void csvInputRefusesNestedColumns() throws IOException {
    Path csv = write("nested.csv", "id,address\n1,\"{\"\"city\"\":\"\"Oslo\"\"}\"\n");
    CliResult r = fails(ExitCodes.INVALID, "append", "db.nested", csv.toString());
    assertThat(r.stderr()).contains(csv + ":2:3:", "column 'address'", "JSON Lines");
    assertThat(version("db.nested")).isZero();
  }

  private void assertRefused(String file, String content, String... expected) throws IOException {
    Path p = write(file, content + "\n");
    assertThat(fails(ExitCodes.INVALID, "append", "db.nested", p.toString()).stderr()).contains(p.toString())
        .contains(expected);
  }

  private List<String> scanLines(String table) {
    return ok("scan", table, "--format", "jsonl").stdoutLines();
  }
}
